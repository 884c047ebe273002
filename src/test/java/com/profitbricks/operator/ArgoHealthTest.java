package com.profitbricks.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

/** The Argo CD health check shipped in deploy/argocd, run on the statuses the operator writes. */
class ArgoHealthTest {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  record Case(String name, String yaml, String health) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Case> cases() {
    return List.of(
        new Case("no status yet", "metadata: {generation: 1}", "Progressing"),
        new Case(
            "ready",
            "metadata: {generation: 2}\nstatus: {observedGeneration: 2, conditions: [{type: Ready, status: 'True', reason: Available},"
                + " {type: Reconciling, status: 'False', reason: Available}, {type: Stalled, status: 'False', reason: Available}]}",
            "Healthy"),
        new Case(
            "ready for an older generation",
            "metadata: {generation: 3}\nstatus: {observedGeneration: 2, conditions: [{type: Ready, status: 'True', reason: Available}]}",
            "Progressing"),
        new Case(
            "waiting for a request",
            "metadata: {generation: 1}\nstatus: {observedGeneration: 1, conditions: [{type: Ready, status: 'False', reason: WaitingForRequest, message: running},"
                + " {type: Reconciling, status: 'True', reason: WaitingForRequest}, {type: Stalled, status: 'False', reason: WaitingForRequest}]}",
            "Progressing"),
        new Case(
            "stalled",
            "metadata: {generation: 1}\nstatus: {observedGeneration: 1, conditions: [{type: Ready, status: 'False', reason: CloudRejected},"
                + " {type: Reconciling, status: 'False', reason: CloudRejected}, {type: Stalled, status: 'True', reason: CloudRejected, message: bad}]}",
            "Degraded"),
        new Case(
            "paused",
            "metadata: {generation: 1}\nstatus: {observedGeneration: 1, conditions: [{type: Ready, status: 'Unknown', reason: Paused},"
                + " {type: Reconciling, status: 'False', reason: Paused}, {type: Stalled, status: 'False', reason: Paused}]}",
            "Suspended"),
        new Case(
            "paused after a spec change: Ready is about the old spec",
            "metadata: {generation: 3}\nstatus: {observedGeneration: 2, conditions: [{type: Ready, status: 'True', reason: Available, observedGeneration: 2},"
                + " {type: Reconciling, status: 'False', reason: Paused, observedGeneration: 3}, {type: Stalled, status: 'False', reason: Paused, observedGeneration: 3}]}",
            "Suspended"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theLuaCheckAgreesWithTheConditions(Case c) throws Exception {
    String lua = Files.readString(Path.of("deploy", "argocd", "health-profitbricks.lua"));
    assertThat(health(lua, YAML.readTree(c.yaml()))).isEqualTo(c.health());
    JsonNode cm =
        YAML.readTree(Path.of("deploy", "argocd", "argocd-cm-patch.yaml").toFile()).path("data");
    for (String kind :
        List.of("PBDatacenter", "PBLan", "PBIPBlock", "PBVolume", "PBServer", "PBNic")) {
      String installed =
          cm.path("resource.customizations.health.profitbricks.com_" + kind).asText();
      assertThat(installed.strip())
          .as("argocd-cm-patch.yaml is in sync with health-profitbricks.lua")
          .isEqualTo(lua.strip());
    }
  }

  static String health(String lua, JsonNode obj) {
    Globals g = JsePlatform.standardGlobals();
    g.set("obj", toLua(obj));
    LuaValue result = g.load(lua).call();
    return result.get("status").tojstring();
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
