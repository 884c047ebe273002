package com.profitbricks.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;

/**
 * An OkHttp interceptor that checks every request the client sends and every answer it gets against
 * the official description, and records which operations were exercised. Put into a client's
 * OkHttpClient; read {@link #violations()} at the end of a test.
 */
public final class ContractRecorder implements Interceptor {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final OpenApiContract contract;
  private final String basePath;
  private final List<String> violations = new ArrayList<>();
  private final Set<String> covered = new TreeSet<>();

  public ContractRecorder(OpenApiContract contract, String basePath) {
    this.contract = contract;
    this.basePath = basePath;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    String path = request.url().encodedPath().substring(basePath.length());
    if (path.isEmpty()) {
      path = "/";
    }
    OpenApiContract.Operation op = contract.find(request.method(), path);
    synchronized (this) {
      if (op == null) {
        violations.add("no operation " + request.method() + " " + path + " in the description");
      } else {
        covered.add(op.key());
        Map<String, String> query = new java.util.LinkedHashMap<>();
        for (String name : request.url().queryParameterNames()) {
          query.put(name, request.url().queryParameter(name));
        }
        violations.addAll(contract.validateQuery(op, query));
        if (request.body() != null
            && request.body().contentType() != null
            && "json".equals(request.body().contentType().subtype())) {
          Buffer b = new Buffer();
          request.body().writeTo(b);
          violations.addAll(contract.validateRequest(op, JSON.readTree(b.readByteArray())));
        }
      }
    }
    Response response = chain.proceed(request);
    if (op == null) {
      return response;
    }
    ResponseBody body = response.body();
    byte[] bytes = body == null ? new byte[0] : body.bytes();
    MediaType type = body == null ? null : body.contentType();
    if (bytes.length > 0) {
      try {
        JsonNode tree = JSON.readTree(bytes);
        synchronized (this) {
          violations.addAll(contract.validateResponse(op, response.code(), tree));
        }
      } catch (IOException e) {
        synchronized (this) {
          violations.add("response of " + op.key() + " is not JSON: " + e.getMessage());
        }
      }
    }
    return response.newBuilder().body(ResponseBody.create(bytes, type)).build();
  }

  public synchronized List<String> violations() {
    return List.copyOf(violations);
  }

  public synchronized Set<String> covered() {
    return new TreeSet<>(covered);
  }
}
