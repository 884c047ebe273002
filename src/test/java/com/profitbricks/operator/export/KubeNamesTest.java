package com.profitbricks.operator.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.profitbricks.operator.export.KubeNames.Candidate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KubeNamesTest {
  static final String DNS_1123_LABEL = "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?";

  @Test
  void cloudNamesBecomeDns1123Labels() {
    assertThat(KubeNames.base("Web Server #1", "server")).isEqualTo("web-server-1");
    assertThat(KubeNames.base("Café_Prod.eu", "server")).isEqualTo("cafe-prod-eu");
    assertThat(KubeNames.base("--x--", "server")).isEqualTo("x");
    assertThat(KubeNames.base("***", "server")).isEqualTo("server");
    assertThat(KubeNames.base(null, "lan-3")).isEqualTo("lan-3");
    assertThat(KubeNames.base("a".repeat(300), "x")).matches(DNS_1123_LABEL).hasSizeLessThan(64);
  }

  @Test
  void namesAreUniqueAndTheSameWhateverTheOrderTheCloudListsThemIn() {
    List<Candidate> cs = new ArrayList<>();
    cs.add(candidate("9f1c2d3e-0000-4000-8000-000000000001", "Web"));
    cs.add(candidate("1a2b3c4d-0000-4000-8000-000000000002", "web"));
    cs.add(candidate("5e6f7a8b-0000-4000-8000-000000000003", "WEB!"));
    cs.add(candidate("7c7c7c7c-0000-4000-8000-000000000004", "db"));
    // a cloud name that looks like what a suffix makes of another's
    cs.add(candidate("2b2b2b2b-0000-4000-8000-000000000005", "web-1a2b3c4d"));
    cs.add(candidate("3c3c3c3c-0000-4000-8000-000000000006", "x".repeat(70)));
    cs.add(candidate("4d4d4d4d-0000-4000-8000-000000000007", "x".repeat(70)));

    Map<String, String> names = KubeNames.assign(cs);
    assertThat(new HashSet<>(names.values())).hasSize(cs.size());
    assertThat(names.values()).allMatch(n -> n.matches(DNS_1123_LABEL));
    assertThat(names.get("7c7c7c7c-0000-4000-8000-000000000004")).isEqualTo("db");
    assertThat(names.get("2b2b2b2b-0000-4000-8000-000000000005")).isEqualTo("web-1a2b3c4d");
    assertThat(names.get("9f1c2d3e-0000-4000-8000-000000000001")).isEqualTo("web-9f1c2d3e");
    assertThat(names.get("1a2b3c4d-0000-4000-8000-000000000002"))
        .as("its id suffix is taken by a cloud name: another, still deterministic")
        .startsWith("web-")
        .isNotEqualTo("web-1a2b3c4d");

    for (int i = 0; i < 5; i++) {
      List<Candidate> shuffled = new ArrayList<>(cs);
      Collections.shuffle(shuffled, new java.util.Random(i));
      assertThat(KubeNames.assign(shuffled)).isEqualTo(names);
    }
  }

  private static Candidate candidate(String id, String cloudName) {
    return new Candidate(id, KubeNames.base(cloudName, "server"), List.of(KubeNames.shortId(id)));
  }

  @Test
  void theKustomizationListsEveryFileGivenInOrder() throws Exception {
    String k = ExportFolder.kustomization(List.of("datacenter-a.yaml", "lan-b.yaml", "nic-c.yaml"));
    var tree = new ObjectMapper(new YAMLFactory()).readTree(k);
    assertThat(tree.path("apiVersion").asText()).isEqualTo("kustomize.config.k8s.io/v1beta1");
    assertThat(tree.path("kind").asText()).isEqualTo("Kustomization");
    assertThat(tree.path("resources").findValuesAsText("x")).isEmpty();
    List<String> listed = new ArrayList<>();
    tree.path("resources").forEach(r -> listed.add(r.asText()));
    assertThat(listed).containsExactly("datacenter-a.yaml", "lan-b.yaml", "nic-c.yaml");
  }
}
