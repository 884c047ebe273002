package com.profitbricks.operator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.profitbricks.operator.api.v1alpha1.PBLan;
import com.profitbricks.testing.StrictKubernetes;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Repeated events aggregate into one per object and reason, as kubectl describe expects. */
class EventRecorderTest {
  static StrictKubernetes api;
  static KubernetesClient kube;

  @BeforeAll
  static void start() {
    api = new StrictKubernetes();
    kube = api.client();
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  static PBLan lan(String name) {
    PBLan lan = new PBLan();
    lan.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("default").build());
    return kube.resource(lan).create();
  }

  static List<Event> eventsOf(String name) {
    return kube.v1().events().inNamespace("default").list().getItems().stream()
        .filter(e -> e.getInvolvedObject().getName().equals(name))
        .toList();
  }

  @Test
  void theSameReasonAgainCountsOnTheSameEventWithTheLatestMessage() {
    PBLan lan = lan("repeated");
    EventRecorder events = new EventRecorder(kube);
    events.warning(lan, "RequestFailed", "first try failed");
    events.warning(lan, "RequestFailed", "second try failed");
    events.warning(lan, "RequestFailed", "third try failed");
    events.normal(lan, "Created", "LAN 1 created");

    List<Event> got = eventsOf("repeated");
    assertThat(got).hasSize(2);
    Event failed =
        got.stream().filter(e -> e.getReason().equals("RequestFailed")).findFirst().get();
    assertThat(failed.getCount()).isEqualTo(3);
    assertThat(failed.getMessage()).isEqualTo("third try failed");
    assertThat(failed.getMetadata().getName()).startsWith("repeated.");
    assertThat(failed.getReportingComponent()).isEqualTo(EventRecorder.CONTROLLER);
    assertThat(failed.getReportingInstance()).isNotBlank();
    assertThat(failed.getInvolvedObject().getUid()).isEqualTo(lan.getMetadata().getUid());
  }

  @Test
  void anExpiredEventIsMadeAgain() {
    PBLan lan = lan("expired");
    EventRecorder events = new EventRecorder(kube);
    events.normal(lan, "Created", "made");
    kube.v1()
        .events()
        .inNamespace("default")
        .resources()
        .forEach(
            r -> {
              if (r.get().getInvolvedObject().getName().equals("expired")) {
                r.delete();
              }
            });
    events.normal(lan, "Created", "made again");
    List<Event> got = eventsOf("expired");
    assertThat(got)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getCount()).isEqualTo(1);
              assertThat(e.getMessage()).isEqualTo("made again");
            });
  }

  @Test
  void anotherProcessStartsItsOwnSeries() {
    PBLan lan = lan("restarted");
    new EventRecorder(kube).normal(lan, "Created", "before the restart");
    new EventRecorder(kube).normal(lan, "Created", "after the restart");
    assertThat(eventsOf("restarted")).hasSize(2).allMatch(e -> e.getCount() == 1);
  }
}
