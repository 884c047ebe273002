package com.profitbricks.client;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * Username and password (HTTP Basic) or a token (Bearer). {@link #toString()} never shows the
 * secret, so credentials cannot leak through a log line that prints them.
 */
public final class Credentials {
  private final String header;
  private final String description;

  private Credentials(String header, String description) {
    this.header = header;
    this.description = description;
  }

  public static Credentials basic(String username, String password) {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    String raw = username + ":" + password;
    return new Credentials(
        "Basic " + Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8)),
        "Basic(" + username + ")");
  }

  public static Credentials token(String token) {
    Objects.requireNonNull(token, "token");
    return new Credentials("Bearer " + token, "Bearer(***)");
  }

  /** The value of the {@code Authorization} header. */
  String authorizationHeader() {
    return header;
  }

  /** Equal when they send the same header: a rotated Secret with the same values is no change. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Credentials c && c.header.equals(header);
  }

  @Override
  public int hashCode() {
    return header.hashCode();
  }

  @Override
  public String toString() {
    return description;
  }
}
