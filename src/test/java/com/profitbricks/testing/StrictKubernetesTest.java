package com.profitbricks.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stand-in API server refuses what kube-apiserver refuses, with kube-apiserver's answers: RBAC
 * (403 and its message, resourceNames, a RoleBinding's namespace), the self reviews, admission of
 * custom resources against their CRDs (422, nothing stored), optimistic concurrency (409), and it
 * serves discovery so that clients and kubectl find the kinds.
 */
class StrictKubernetesTest {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final String SA = "system:serviceaccount:ops:robot";
  static StrictKubernetes api;
  static KubernetesClient admin;

  @BeforeAll
  static void start() {
    api = new StrictKubernetes();
    admin = api.client();
    api.ensureNamespace("team-a");
    api.ensureNamespace("team-b");
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  static List<JsonNode> yaml(String text) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String doc : text.split("(?m)^---$")) {
      if (!doc.isBlank()) {
        out.add(YAML.readTree(doc));
      }
    }
    return out;
  }

  static GenericKubernetesResource object(String yaml) throws IOException {
    return YAML.readValue(yaml, GenericKubernetesResource.class);
  }

  static String datacenter(String name, String location) {
    return """
    apiVersion: profitbricks.com/v1alpha1
    kind: PBDatacenter
    metadata: {name: %s, namespace: team-a}
    spec: {location: %s}
    """
        .formatted(name, location);
  }

  // ------------------------------------------------------------------------------------- RBAC

  @Test
  void aRequestNoRuleAllowsIsRefusedWithKubeApiserversStatus() {
    try (KubernetesClient robot = api.clientFor(SA)) {
      assertThatThrownBy(
              () ->
                  robot
                      .genericKubernetesResources("profitbricks.com/v1alpha1", "PBServer")
                      .inNamespace("team-b")
                      .list())
          .isInstanceOfSatisfying(
              KubernetesClientException.class,
              e -> {
                assertThat(e.getCode()).isEqualTo(403);
                assertThat(e.getStatus().getReason()).isEqualTo("Forbidden");
                assertThat(e.getStatus().getStatus()).isEqualTo("Failure");
                assertThat(e.getStatus().getDetails().getGroup()).isEqualTo("profitbricks.com");
                assertThat(e.getStatus().getDetails().getKind()).isEqualTo("pbservers");
                assertThat(e.getStatus().getMessage())
                    .isEqualTo(
                        "pbservers.profitbricks.com is forbidden: User"
                            + " \"system:serviceaccount:ops:robot\" cannot list resource"
                            + " \"pbservers\" in API group \"profitbricks.com\" in the namespace"
                            + " \"team-b\"");
              });
    }
    assertThat(api.refusals(SA, 403))
        .anyMatch(r -> r.what().equals("list profitbricks.com/pbservers"));
  }

  @Test
  void theSameRequestWithABoundRuleIsAllowedAndSubresourcesAreRulesOfTheirOwn() throws Exception {
    try (KubernetesClient robot = api.clientFor(SA)) {
      assertThatThrownBy(() -> robot.resource(object(datacenter("allowed", "de/fra"))).create())
          .as("before the Role is bound")
          .hasMessageContaining("cannot create resource \"pbdatacenters\"");
    }
    api.apply(
        yaml(
            """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: reader, namespace: team-a}
            rules:
              - apiGroups: [profitbricks.com]
                resources: [pbdatacenters]
                verbs: [get, list, create]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: reader, namespace: team-a}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
            subjects: [{kind: ServiceAccount, name: robot, namespace: ops}]
            """));
    try (KubernetesClient robot = api.clientFor(SA)) {
      HasMetadata made = robot.resource(object(datacenter("allowed", "de/fra"))).create();
      assertThat(
              robot
                  .genericKubernetesResources("profitbricks.com/v1alpha1", "PBDatacenter")
                  .inNamespace("team-a")
                  .list()
                  .getItems())
          .extracting(o -> o.getMetadata().getName())
          .contains("allowed");
      GenericKubernetesResource withStatus = (GenericKubernetesResource) made;
      withStatus.setAdditionalProperty("status", Map.of("state", "AVAILABLE"));
      assertThatThrownBy(() -> robot.resource(withStatus).updateStatus())
          .hasMessageContaining(
              "cannot update resource \"pbdatacenters/status\" in API group \"profitbricks.com\"");
    }
  }

  @Test
  void resourceNamesAllowOnlyTheNamedObjects() throws Exception {
    api.apply(
        yaml(
            """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: one-secret, namespace: team-a}
            rules: [{apiGroups: [""], resources: [secrets], verbs: [get, list], resourceNames: [mine]}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: one-secret, namespace: team-a}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: one-secret}
            subjects: [{kind: ServiceAccount, name: robot, namespace: ops}]
            """));
    for (String name : List.of("mine", "theirs")) {
      admin
          .secrets()
          .inNamespace("team-a")
          .resource(
              new io.fabric8.kubernetes.api.model.SecretBuilder()
                  .withNewMetadata()
                  .withName(name)
                  .endMetadata()
                  .addToStringData("k", "v")
                  .build())
          .create();
    }
    try (KubernetesClient robot = api.clientFor(SA)) {
      assertThat(robot.secrets().inNamespace("team-a").withName("mine").get().getData())
          .as("stringData is stored as data, as kube-apiserver does")
          .containsEntry("k", "dg==");
      assertThatThrownBy(() -> robot.secrets().inNamespace("team-a").withName("theirs").get())
          .hasMessageContaining(
              "secrets \"theirs\" is forbidden: User \"system:serviceaccount:ops:robot\" cannot get"
                  + " resource \"secrets\" in API group \"\" in the namespace \"team-a\"");
      assertThatThrownBy(() -> robot.secrets().inNamespace("team-a").list())
          .as("a list names no object, so a rule with resourceNames cannot allow it")
          .hasMessageContaining("cannot list resource \"secrets\"");
    }
  }

  @Test
  void aClusterRoleBoundByARoleBindingGrantsInThatNamespaceOnly() throws Exception {
    api.apply(
        yaml(
            """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: lease-reader}
            rules: [{apiGroups: [coordination.k8s.io], resources: [leases], verbs: [list]}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: lease-reader, namespace: team-a}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: lease-reader}
            subjects: [{kind: ServiceAccount, name: robot, namespace: ops}]
            """));
    try (KubernetesClient robot = api.clientFor(SA)) {
      assertThat(robot.leases().inNamespace("team-a").list().getItems()).isEmpty();
      assertThatThrownBy(() -> robot.leases().inNamespace("team-b").list())
          .hasMessageContaining("in the namespace \"team-b\"");
      assertThatThrownBy(() -> robot.leases().inAnyNamespace().list())
          .hasMessageContaining(
              "cannot list resource \"leases\" in API group \"coordination.k8s.io\" at the"
                  + " cluster scope");
    }
  }

  @Test
  void selfReviewsAnswerFromTheSameRules() throws Exception {
    api.apply(
        yaml(
            """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: elector, namespace: team-b}
            rules: [{apiGroups: [coordination.k8s.io], resources: [leases], verbs: [get, create, update]}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: elector, namespace: team-b}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: elector}
            subjects: [{kind: ServiceAccount, name: robot, namespace: ops}]
            """));
    try (KubernetesClient robot = api.clientFor(SA)) {
      SelfSubjectRulesReview rules =
          robot
              .resource(
                  new SelfSubjectRulesReviewBuilder()
                      .withNewSpec()
                      .withNamespace("team-b")
                      .endSpec()
                      .build())
              .create();
      assertThat(rules.getStatus().getResourceRules())
          .anySatisfy(
              r -> {
                assertThat(r.getApiGroups()).containsExactly("coordination.k8s.io");
                assertThat(r.getResources()).containsExactly("leases");
                assertThat(r.getVerbs()).containsExactly("get", "create", "update");
              });
      assertThat(rules.getStatus().getResourceRules())
          .as("the rules of another namespace's binding are not listed")
          .noneMatch(r -> r.getResources().contains("pbdatacenters"));
      SelfSubjectAccessReview patch =
          robot
              .resource(
                  new SelfSubjectAccessReviewBuilder()
                      .withNewSpec()
                      .withNewResourceAttributes()
                      .withNamespace("team-b")
                      .withGroup("coordination.k8s.io")
                      .withResource("leases")
                      .withVerb("patch")
                      .endResourceAttributes()
                      .endSpec()
                      .build())
              .create();
      assertThat(patch.getStatus().getAllowed()).isFalse();
      SelfSubjectAccessReview update =
          robot
              .resource(
                  new SelfSubjectAccessReviewBuilder()
                      .withNewSpec()
                      .withNewResourceAttributes()
                      .withNamespace("team-b")
                      .withGroup("coordination.k8s.io")
                      .withResource("leases")
                      .withVerb("update")
                      .endResourceAttributes()
                      .endSpec()
                      .build())
              .create();
      assertThat(update.getStatus().getAllowed()).isTrue();
      assertThat(update.getStatus().getReason())
          .isEqualTo(
              "RBAC: allowed by RoleBinding \"elector/team-b\" of Role \"elector\" to"
                  + " ServiceAccount \"robot/ops\"");
    }
  }

  // -------------------------------------------------------------------------------- admission

  @Test
  void aCustomResourceOfTheWrongTypeIsRefusedAndNotStored() throws Exception {
    GenericKubernetesResource server =
        object(
            """
            apiVersion: profitbricks.com/v1alpha1
            kind: PBServer
            metadata: {name: wrong-type, namespace: team-a}
            spec: {datacenterRef: {name: dc}, cores: "two", ram: 2048}
            """);
    assertThatThrownBy(() -> admin.resource(server).create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(422);
              assertThat(e.getStatus().getReason()).isEqualTo("Invalid");
              assertThat(e.getStatus().getMessage())
                  .isEqualTo(
                      "PBServer.profitbricks.com \"wrong-type\" is invalid: spec.cores: Invalid"
                          + " value: \"string\": spec.cores in body must be of type integer:"
                          + " \"string\"");
              assertThat(e.getStatus().getDetails().getCauses())
                  .singleElement()
                  .satisfies(
                      c -> {
                        assertThat(c.getField()).isEqualTo("spec.cores");
                        assertThat(c.getReason()).isEqualTo("FieldValueInvalid");
                      });
            });
    assertThat(admin.resource(server).get()).isNull();
  }

  @Test
  void enumRequiredBoundsAndCelRulesAreEnforcedTogether() throws Exception {
    GenericKubernetesResource server =
        object(
            """
            apiVersion: profitbricks.com/v1alpha1
            kind: PBServer
            metadata: {name: many-wrongs, namespace: team-a}
            spec:
              datacenterRef: {name: dc}
              datacenterId: 0b5a3c5e-6f0a-4d1e-9a0e-2f1c3d4e5f60
              cores: 100
              ram: 1000
              powerState: Paused
              nics: [{name: eth0}]
            """);
    assertThatThrownBy(() -> admin.resource(server).create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e ->
                assertThat(e.getStatus().getMessage())
                    .startsWith("PBServer.profitbricks.com \"many-wrongs\" is invalid: [")
                    .contains(
                        "spec.cores: Invalid value: 100: spec.cores in body should be less than"
                            + " or equal to 62",
                        "spec.powerState: Unsupported value: \"Paused\": supported values:"
                            + " \"Running\", \"Stopped\"",
                        "spec.nics[0]: Invalid value: \"object\": set exactly one of lanRef or"
                            + " lan",
                        "spec.ram: Invalid value: \"integer\": ram is in MiB and must be a"
                            + " multiple of 256",
                        "spec: Invalid value: \"object\": set exactly one of datacenterRef or"
                            + " datacenterId"));
    assertThat(admin.resource(server).get()).isNull();
  }

  @Test
  void anImmutableFieldCannotChangeButOthersCanAndDefaultsAreApplied() throws Exception {
    GenericKubernetesResource made =
        admin.resource(object(datacenter("moving", "de/fra"))).create();
    assertThat(made.getAdditionalProperties().get("spec"))
        .as("the schema's default")
        .isEqualTo(
            Map.of("location", "de/fra", "deletionPolicy", "Delete", "managementPolicy", "Manage"));
    assertThat(made.getAdditionalProperties().get("status"))
        .as("the status default: kstatus sees an object nobody reconciled yet as in progress")
        .isEqualTo(Map.of("observedGeneration", -1));
    assertThatThrownBy(
            () ->
                admin
                    .resource(made)
                    .patch(
                        PatchContext.of(PatchType.JSON_MERGE),
                        "{\"spec\":{\"location\":\"us/las\"}}"))
        .hasMessageContaining(
            "PBDatacenter.profitbricks.com \"moving\" is invalid: spec.location: Invalid value:"
                + " \"string\": location is immutable");
    GenericKubernetesResource renamed =
        admin
            .resource(made)
            .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"name\":\"new name\"}}");
    assertThat(renamed.get("spec", "location").toString()).isEqualTo("de/fra");
    assertThat(renamed.get("spec", "name").toString()).isEqualTo("new name");
  }

  @Test
  void anOptionalImmutableFieldCanNeitherBeRemovedNorAddedAndARequiredOneNotRemoved()
      throws Exception {
    GenericKubernetesResource made =
        admin
            .resource(
                object(
                    """
                    apiVersion: profitbricks.com/v1alpha1
                    kind: PBVolume
                    metadata: {name: zoned, namespace: team-a}
                    spec:
                      datacenterId: 0b5a3c5e-6f0a-4d1e-9a0e-2f1c3d4e5f60
                      size: 10
                      licenceType: LINUX
                      availabilityZone: ZONE_1
                    """))
            .create();
    PatchContext merge = PatchContext.of(PatchType.JSON_MERGE);
    assertThatThrownBy(
            () -> admin.resource(made).patch(merge, "{\"spec\":{\"availabilityZone\":null}}"))
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(422);
              assertThat(e.getStatus().getMessage())
                  .isEqualTo(
                      "PBVolume.profitbricks.com \"zoned\" is invalid: spec: Invalid value:"
                          + " \"object\": availabilityZone cannot be added or removed once the"
                          + " volume exists (unset is AUTO): create a new PBVolume in the zone you"
                          + " want");
            });
    assertThatThrownBy(() -> admin.resource(made).patch(merge, "{\"spec\":{\"type\":\"SSD\"}}"))
        .as("unset at create, the type stays unset")
        .hasMessageContaining("spec: Invalid value: \"object\": type cannot be added or removed");
    assertThatThrownBy(() -> admin.resource(made).patch(merge, "{\"spec\":{\"size\":null}}"))
        .hasMessageContaining("spec.size: Required value");
    GenericKubernetesResource kept = admin.resource(made).get();
    assertThat(kept.get("spec", "availabilityZone").toString()).isEqualTo("ZONE_1");
    assertThat(((Map<?, ?>) kept.getAdditionalProperties().get("spec")).containsKey("type"))
        .isFalse();
  }

  /**
   * adoptId picks the cloud resource while the object has none: it can be added then (what the
   * CreateUnconfirmed message asks for), but once status.id is written it can no more be removed.
   */
  @Test
  void adoptIdCanBeAddedUntilTheObjectHasACloudResourceAndNotRemovedAfter() throws Exception {
    String id = "0b5a3c5e-6f0a-4d1e-9a0e-2f1c3d4e5f60";
    GenericKubernetesResource made =
        admin.resource(object(datacenter("adopting", "de/fra"))).create();
    PatchContext merge = PatchContext.of(PatchType.JSON_MERGE);
    GenericKubernetesResource adopting =
        admin.resource(made).patch(merge, "{\"spec\":{\"adoptId\":\"" + id + "\"}}");
    assertThat(adopting.get("spec", "adoptId").toString()).isEqualTo(id);
    HttpResponse<String> recorded =
        raw(
            "PATCH",
            "/apis/profitbricks.com/v1alpha1/namespaces/team-a/pbdatacenters/adopting/status",
            "application/merge-patch+json",
            "{\"status\":{\"id\":\"" + id + "\"}}");
    assertThat(recorded.code()).isEqualTo(200);
    assertThatThrownBy(() -> admin.resource(adopting).patch(merge, "{\"spec\":{\"adoptId\":null}}"))
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(422);
              assertThat(e.getStatus().getMessage())
                  .isEqualTo(
                      "PBDatacenter.profitbricks.com \"adopting\" is invalid: <nil>: Invalid"
                          + " value: \"object\": adoptId cannot be added or removed once the"
                          + " object has a cloud resource (status.id); create a new object to"
                          + " manage another cloud resource");
            });
    assertThat(admin.resource(made).get().get("spec", "adoptId").toString()).isEqualTo(id);
  }

  @Test
  void aStatusWriteIsValidatedAndCannotChangeTheSpec() throws Exception {
    GenericKubernetesResource made =
        admin.resource(object(datacenter("watched", "de/fra"))).create();
    String base = "/apis/profitbricks.com/v1alpha1/namespaces/team-a/pbdatacenters/watched/status";
    HttpResponse<String> wrong =
        raw(
            "PATCH",
            base,
            "application/merge-patch+json",
            "{\"spec\":{\"location\":\"us/las\"},\"status\":{\"conditions\":[{\"type\":\"Ready\","
                + "\"status\":\"Maybe\",\"reason\":\"X\",\"message\":\"\","
                + "\"lastTransitionTime\":\"2024-01-01T00:00:00Z\"}]}}");
    assertThat(wrong.code()).isEqualTo(422);
    assertThat(wrong.body())
        .contains(
            "status.conditions[0].status: Unsupported value: \\\"Maybe\\\": supported values:"
                + " \\\"True\\\", \\\"False\\\", \\\"Unknown\\\"");
    HttpResponse<String> right =
        raw(
            "PATCH",
            base,
            "application/merge-patch+json",
            "{\"spec\":{\"location\":\"us/las\"},\"status\":{\"state\":\"AVAILABLE\"}}");
    assertThat(right.code()).isEqualTo(200);
    GenericKubernetesResource now = admin.resource(made).get();
    assertThat(now.get("spec", "location").toString())
        .as("spec changes on /status are ignored")
        .isEqualTo("de/fra");
    assertThat(now.get("status", "state").toString()).isEqualTo("AVAILABLE");
  }

  @Test
  void unknownFieldsArePrunedOrRefusedWhenStrictAndStrategicMergeIsNotForCustomResources()
      throws Exception {
    String path = "/apis/profitbricks.com/v1alpha1/namespaces/team-a/pbdatacenters";
    HttpResponse<String> strict =
        raw(
            "POST",
            path + "?fieldValidation=Strict",
            "application/json",
            "{\"apiVersion\":\"profitbricks.com/v1alpha1\",\"kind\":\"PBDatacenter\","
                + "\"metadata\":{\"name\":\"extra\"},\"spec\":{\"location\":\"de/fra\",\"colour\":\"red\"}}");
    assertThat(strict.code()).isEqualTo(400);
    assertThat(strict.body()).contains("strict decoding error: unknown field \\\"spec.colour\\\"");
    HttpResponse<String> warned =
        raw(
            "POST",
            path,
            "application/json",
            "{\"apiVersion\":\"profitbricks.com/v1alpha1\",\"kind\":\"PBDatacenter\","
                + "\"metadata\":{\"name\":\"extra\"},\"spec\":{\"location\":\"de/fra\",\"colour\":\"red\"}}");
    assertThat(warned.code()).isEqualTo(201);
    assertThat(warned.headers("Warning")).contains("299 - \"unknown field \\\"spec.colour\\\"\"");
    assertThat(warned.body()).doesNotContain("colour");
    HttpResponse<String> strategic =
        raw("PATCH", path + "/extra", "application/strategic-merge-patch+json", "{\"spec\":{}}");
    assertThat(strategic.code()).isEqualTo(415);
  }

  @Test
  void aCreateInANamespaceThatDoesNotExistIsRefused() throws Exception {
    GenericKubernetesResource dc = object(datacenter("nowhere", "de/fra"));
    dc.getMetadata().setNamespace("missing");
    assertThatThrownBy(() -> admin.resource(dc).create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(404);
              assertThat(e.getStatus().getMessage()).isEqualTo("namespaces \"missing\" not found");
            });
  }

  // ---------------------------------------------------------------------- optimistic concurrency

  @Test
  void aMergePatchWithAStaleResourceVersionConflicts() {
    Lease lease =
        admin
            .leases()
            .inNamespace("team-a")
            .resource(
                new LeaseBuilder()
                    .withNewMetadata()
                    .withName("leader")
                    .endMetadata()
                    .withNewSpec()
                    .withHolderIdentity("a")
                    .endSpec()
                    .build())
            .create();
    String stale = lease.getMetadata().getResourceVersion();
    lease.getSpec().setHolderIdentity("b");
    Lease renewed =
        admin
            .leases()
            .inNamespace("team-a")
            .resource(lease)
            .patch(PatchContext.of(PatchType.JSON_MERGE));
    assertThat(renewed.getSpec().getHolderIdentity()).isEqualTo("b");
    assertThat(renewed.getMetadata().getResourceVersion()).isNotEqualTo(stale);
    lease.getSpec().setHolderIdentity("c");
    lease.getMetadata().setResourceVersion(stale);
    assertThatThrownBy(
            () ->
                admin
                    .leases()
                    .inNamespace("team-a")
                    .resource(lease)
                    .patch(PatchContext.of(PatchType.JSON_MERGE)))
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(409);
              assertThat(e.getStatus().getMessage())
                  .isEqualTo(
                      "Operation cannot be fulfilled on leases.coordination.k8s.io \"leader\": the"
                          + " object has been modified; please apply your changes to the latest"
                          + " version and try again");
            });
    assertThatThrownBy(() -> admin.leases().inNamespace("team-a").resource(lease).update())
        .as("an update with it too")
        .hasMessageContaining("the object has been modified");
    assertThat(
            admin
                .leases()
                .inNamespace("team-a")
                .withName("leader")
                .get()
                .getSpec()
                .getHolderIdentity())
        .isEqualTo("b");
  }

  // -------------------------------------------------------------------------------- discovery

  @Test
  void discoveryNamesTheKindsOfTheCrdsAndTheBuiltInOnes() {
    assertThat(admin.getApiGroups().getGroups())
        .extracting(g -> g.getName())
        .contains("profitbricks.com", "coordination.k8s.io", "apiextensions.k8s.io");
    assertThat(admin.getApiResources("profitbricks.com/v1alpha1").getResources())
        .anySatisfy(
            r -> {
              assertThat(r.getName()).isEqualTo("pbservers");
              assertThat(r.getKind()).isEqualTo("PBServer");
              assertThat(r.getShortNames()).containsExactly("pbsrv");
              assertThat(r.getNamespaced()).isTrue();
            })
        .anySatisfy(r -> assertThat(r.getName()).isEqualTo("pbservers/status"));
    assertThat(admin.getApiResources("v1").getResources())
        .extracting(r -> r.getName())
        .contains("namespaces", "secrets", "events");
  }

  @Test
  void kubectlGetWorksAgainstItAndItsTokenIsTheSubjects(@TempDir Path dir) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/kubectl")), "kubectl is not installed");
    admin.resource(object(datacenter("shown", "de/fra"))).create();
    String out =
        kubectl(
            api.writeKubeconfig(dir.resolve("admin"), null), dir, "get", "pbdc", "-n", "team-a");
    assertThat(out).contains("NAME", "READY", "REASON", "AGE").containsPattern("(?m)^shown ");
    Path kubeconfig = dir.resolve("admin");
    assertThat(kubectl(kubeconfig, dir, "apply", "-n", "team-a", "-f", "samples/volume.yaml"))
        .as("kubectl apply reads the OpenAPI v3 documents first")
        .contains(
            "secret/demo-root-password created", "pbvolume.profitbricks.com/demo-boot created");
    assertThat(kubectl(kubeconfig, dir, "apply", "-n", "team-a", "-f", "samples/volume.yaml"))
        .contains("pbvolume.profitbricks.com/demo-boot unchanged");
    assertThat(kubectl(kubeconfig, dir, "explain", "pbvolume.spec.size"))
        .contains("FIELD: size <integer>");
    String robot =
        kubectl(
            api.writeKubeconfig(dir.resolve("robot"), SA), dir, "get", "pbservers", "-n", "team-b");
    assertThat(robot)
        .contains(
            "Error from server (Forbidden): pbservers.profitbricks.com is forbidden: User"
                + " \"system:serviceaccount:ops:robot\" cannot list resource \"pbservers\"");
  }

  static String kubectl(Path kubeconfig, Path dir, String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                "kubectl",
                "--kubeconfig",
                kubeconfig.toString(),
                "--cache-dir",
                dir.resolve("cache").toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  /** A request as kubectl or curl would send it, through the admin client's HTTP client (TLS). */
  static HttpResponse<String> raw(String method, String path, String contentType, String body)
      throws Exception {
    HttpClient http = admin.getHttpClient();
    HttpRequest req =
        http.newHttpRequestBuilder()
            .uri(api.config().getMasterUrl().replaceAll("/$", "") + path)
            .method(method, contentType, body)
            .build();
    return http.sendAsync(req, String.class).get(10, TimeUnit.SECONDS);
  }
}
