package com.profitbricks.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.profitbricks.operator.api.v1alpha1.CommonStatus;
import com.profitbricks.operator.status.Conditions;
import com.profitbricks.operator.status.Outcome;
import com.profitbricks.operator.status.Reasons;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

/** The Argo CD health check shipped in deploy/argocd, run on the statuses the operator writes. */
class ArgoHealthTest {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  static final Path DIR = Path.of("deploy", "argocd");

  record Case(String input, String status, String message) {
    @Override
    public String toString() {
      return input;
    }
  }

  /** The cases of health_test.yaml, Argo CD's own test format for health checks. */
  static List<Case> cases() throws Exception {
    List<Case> out = new ArrayList<>();
    for (JsonNode t : YAML.readTree(DIR.resolve("health_test.yaml").toFile()).path("tests")) {
      out.add(
          new Case(
              t.path("inputPath").asText(),
              t.at("/healthStatus/status").asText(),
              t.at("/healthStatus/message").asText()));
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theLuaCheckGivesTheHealthOfEachCase(Case c) throws Exception {
    String lua = Files.readString(DIR.resolve("health-profitbricks.lua"));
    LuaValue hs = run(lua, YAML.readTree(DIR.resolve(c.input()).toFile()));
    assertThat(hs.get("status").tojstring()).isEqualTo(c.status());
    assertThat(hs.get("message").tojstring()).isEqualTo(c.message());
  }

  @Test
  void everyKindInArgocdCmRunsTheSameCheck() throws Exception {
    String lua = Files.readString(DIR.resolve("health-profitbricks.lua"));
    JsonNode cm = YAML.readTree(DIR.resolve("argocd-cm-patch.yaml").toFile()).path("data");
    for (String kind :
        List.of("PBDatacenter", "PBLan", "PBIPBlock", "PBVolume", "PBServer", "PBNic")) {
      String installed =
          cm.path("resource.customizations.health.profitbricks.com_" + kind).asText();
      assertThat(installed.strip())
          .as("argocd-cm-patch.yaml is in sync with health-profitbricks.lua")
          .isEqualTo(lua.strip());
    }
  }

  /** What each state the operator writes looks like to Argo CD, one per Outcome kind. */
  @Test
  void everyOutcomeTheOperatorWritesHasItsHealth() throws Exception {
    String lua = Files.readString(DIR.resolve("health-profitbricks.lua"));
    Map<Outcome, String> expected =
        Map.of(
            Outcome.ready("ok"), "Healthy",
            Outcome.progressing(Reasons.CREATING, "creating"), "Progressing",
            Outcome.stalled(Reasons.INVALID_SPEC, "fix it"), "Degraded",
            Outcome.paused(), "Suspended");
    for (Map.Entry<Outcome, String> e : expected.entrySet()) {
      CommonStatus s = new CommonStatus();
      Conditions.apply(s, 1, e.getKey(), java.time.Clock.systemUTC());
      JsonNode obj = YAML.valueToTree(Map.of("metadata", Map.of("generation", 1), "status", s));
      assertThat(run(lua, obj).get("status").tojstring())
          .as(e.getKey().toString())
          .isEqualTo(e.getValue());
    }
  }

  static LuaValue run(String lua, JsonNode obj) {
    Globals g = JsePlatform.standardGlobals();
    g.set("obj", toLua(obj));
    return g.load(lua).call();
  }

  static LuaValue toLua(JsonNode n) {
    if (n.isObject()) {
      LuaTable t = new LuaTable();
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        t.set(f.getKey(), toLua(f.getValue()));
      }
      return t;
    }
    if (n.isArray()) {
      LuaTable t = new LuaTable();
      int i = 1;
      for (JsonNode item : n) {
        t.set(i++, toLua(item));
      }
      return t;
    }
    if (n.isNumber()) {
      return LuaValue.valueOf(n.asLong());
    }
    if (n.isBoolean()) {
      return LuaValue.valueOf(n.asBoolean());
    }
    return n.isNull() ? LuaValue.NIL : LuaValue.valueOf(n.asText());
  }
}
