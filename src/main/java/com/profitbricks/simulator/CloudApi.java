package com.profitbricks.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Cloud API v6 routes the simulator serves and what each does to the state. */
final class CloudApi {
  /** One API call, parsed. */
  record Ctx(
      String method,
      String route,
      Map<String, String> params,
      Map<String, String> query,
      JsonNode json,
      Map<String, String> form,
      String rawBody,
      Map<String, String> headers,
      String url,
      String user) {
    String p(String name) {
      return params.get(name);
    }

    int depth() {
      String d = query.get("depth");
      if (d == null) {
        return 0;
      }
      try {
        int v = Integer.parseInt(d.trim());
        if (v < 0 || v > 10) {
          throw ApiError.badRequest("depth must be within 0..10");
        }
        return v;
      } catch (NumberFormatException e) {
        throw ApiError.badRequest("depth must be a number");
      }
    }

    Long longQuery(String name, long min, long max) {
      String v = query.get(name);
      if (v == null) {
        return null;
      }
      try {
        long l = Long.parseLong(v.trim());
        if (l < min || l > max) {
          throw ApiError.badRequest(name + " must be within " + min + ".." + max);
        }
        return l;
      } catch (NumberFormatException e) {
        throw ApiError.badRequest(name + " must be a number");
      }
    }
  }

  /** An answer: status, JSON body (or none) and extra headers such as Location. */
  record Reply(int status, JsonNode body, Map<String, String> headers) {}

  record Route(
      String method,
      String template,
      Pattern pattern,
      List<String> names,
      Function<Ctx, Reply> handler) {}

  record Match(Route route, Map<String, String> params) {}

  private final List<Route> routes = new ArrayList<>();

  CloudApi(
      Store store, RequestEngine engine, Faults faults, SimConfig config, LongSupplier clockMs) {
    ApiFamily.Env env = new ApiFamily.Env(store, engine, faults, config, clockMs);
    NetworkApi network = new NetworkApi(env);
    StorageApi storage = new StorageApi(env);
    AttachApi attachments = new AttachApi(env, storage);
    ComputeApi compute = new ComputeApi(env, storage, attachments, network);
    for (ApiFamily family :
        List.of(
            new AccountApi(env),
            new DatacenterApi(env, compute, storage, network),
            compute,
            attachments,
            storage,
            network,
            new RequestsApi(env))) {
      family.routes(this);
    }
  }

  // ---------------------------------------------------------------- routing

  void on(String method, String template, Function<Ctx, Reply> handler) {
    List<String> names = new ArrayList<>();
    Matcher m = Pattern.compile("\\{([^}]+)}").matcher(template);
    StringBuilder regex = new StringBuilder("^");
    int last = 0;
    while (m.find()) {
      regex.append(Pattern.quote(template.substring(last, m.start()))).append("([^/]+)");
      names.add(m.group(1));
      last = m.end();
    }
    regex.append(Pattern.quote(template.substring(last))).append("/?$");
    routes.add(new Route(method, template, Pattern.compile(regex.toString()), names, handler));
  }

  /** The route for a path; null when no route has the path; a route with null handler for 405. */
  Match match(String method, String path) {
    Match pathOnly = null;
    for (Route r : routes) {
      Matcher m = r.pattern().matcher(path);
      if (m.matches()) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < r.names().size(); i++) {
          params.put(
              r.names().get(i),
              java.net.URLDecoder.decode(m.group(i + 1), java.nio.charset.StandardCharsets.UTF_8));
        }
        if (r.method().equals(method)) {
          return new Match(r, params);
        }
        pathOnly = new Match(new Route(method, r.template(), r.pattern(), r.names(), null), params);
      }
    }
    return pathOnly;
  }
}
