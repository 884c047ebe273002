package com.profitbricks.operator.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.profitbricks.client.CloudApiException;
import com.profitbricks.client.ProfitBricksClient;
import com.profitbricks.client.ProfitBricksException;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * Exports what exists in the cloud as manifests the operator adopts: brownfield adoption, no
 * Kubernetes cluster needed. Reads one or more datacenters ({@code --datacenter <id>}) or the whole
 * contract ({@code --all}) through the Cloud API, with GETs only, and writes to {@code --out <dir>}
 * one PBDatacenter, PBLan, PBServer, PBVolume, PBNic (with its firewall rules) and PBIPBlock per
 * cloud resource, each with {@code spec.adoptId} and the cloud's values in every field the operator
 * compares, referring to each other by name; a {@code kustomization.yaml} listing them; and {@code
 * NOTES.md} with what no spec field can hold (also printed). Applied as it is, the folder adopts
 * every listed resource without a single write to the cloud. A resource the operator would change
 * when adopted as it is (no name in the cloud, a firewall rule without a valid unique name, …) is
 * written under {@code held-back/}, not listed, and said why. No password or other secret is ever
 * written.
 *
 * <pre>
 * java -cp 'target/quarkus-app/app/*:target/quarkus-app/lib/main/*' \
 *     com.profitbricks.operator.export.ExportMain --datacenter &lt;id&gt; --out exported/
 * ./mvnw -q compile exec:java@export -Dexec.args="--datacenter &lt;id&gt; --out exported/"
 * </pre>
 *
 * <p>Credentials come from PROFITBRICKS_USERNAME and PROFITBRICKS_PASSWORD or PROFITBRICKS_TOKEN;
 * the API from {@code --api-url}, PROFITBRICKS_API_URL or the production endpoint. Exit codes: 0
 * written; 1 the Cloud API or the folder failed; 2 wrong arguments, no credentials, credentials
 * refused, or a datacenter id the cloud does not know.
 */
public final class ExportMain {
  private ExportMain() {}

  public static void main(String[] args) {
    int code = run(args, System.getenv(), System.out, System.err);
    if (code != 0) {
      System.exit(code);
    }
  }

  /**
   * Runs the command in this JVM (tests do); answers its exit code. Expected failures are one line
   * on {@code err}, never a stack trace.
   */
  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    try {
      ExportOptions o = ExportOptions.parse(args, env);
      if (o == null) {
        out.print(ExportOptions.USAGE);
        return 0;
      }
      ExportFolder.checkEmpty(o.out());
      ProfitBricksClient client =
          ProfitBricksClient.builder()
              .baseUrl(o.apiUrl())
              .credentials(o.credentials())
              .userAgentPrefix("profitbricks-export")
              .build();
      ExportPlan plan =
          ExportPlan.of(CloudSnapshot.read(client, o.datacenters(), o.all()), o.all());
      for (Manifest m : plan.all()) {
        common(m.spec, o);
      }
      String notes = ExportReport.text(plan, o.observe());
      List<String> files = ExportFolder.write(o.out(), plan.all(), o.namespace(), notes);
      out.print(notes);
      out.println();
      out.println(
          "Wrote " + files.size() + " files to " + o.out() + ": kubectl apply -k " + o.out());
      return 0;
    } catch (ExportOptions.UsageException
        | CloudSnapshot.UnknownDatacenter
        | IllegalArgumentException e) {
      err.println("export: " + e.getMessage());
      return 2;
    } catch (CloudApiException.AuthenticationException
        | CloudApiException.PermissionDeniedException e) {
      err.println("export: the Cloud API refused these credentials: " + e.getMessage());
      return 2;
    } catch (ProfitBricksException e) {
      err.println("export: the Cloud API failed: " + e.getMessage());
      return 1;
    } catch (IOException e) {
      err.println("export: cannot write the folder: " + e);
      return 1;
    }
  }

  /**
   * The fields every kind has, right after adoptId. managementPolicy goes in by name: the tree does
   * not need the spec classes to know it yet.
   */
  private static void common(ObjectNode spec, ExportOptions o) {
    ObjectNode rest = spec.deepCopy();
    spec.removeAll();
    spec.set("adoptId", rest.get("adoptId"));
    if (o.observe()) {
      spec.put("managementPolicy", "Observe");
    }
    if (o.deletionPolicy() != null) {
      spec.put("deletionPolicy", o.deletionPolicy());
    }
    spec.setAll(rest);
  }
}
