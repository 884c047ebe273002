package com.profitbricks.operator.kinds.server;

import com.profitbricks.client.Accepted;
import com.profitbricks.client.AmbiguousWriteException;
import com.profitbricks.client.CloudApiException;
import com.profitbricks.client.ProfitBricksClient;
import com.profitbricks.client.ProfitBricksException;
import com.profitbricks.operator.api.v1alpha1.PBServer;
import com.profitbricks.operator.api.v1alpha1.PBServerStatus;
import com.profitbricks.operator.api.v1alpha1.PBServerStatus.PendingCreate;
import com.profitbricks.operator.cloud.CloudReader;
import com.profitbricks.operator.cloud.LostCreateFinder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Crash-safe creates of a server's inline volumes, NICs and firewall rules, as the engine makes its
 * top-level creates: the intent goes to status before the POST, the POST carries an owner marker of
 * the server object and the item, and when its answer is lost the cloud's request log is searched
 * for that marker (never for a name) before the item is created again.
 */
final class ItemCreates {
  /** What the search for a lost create found. */
  record Found(String id, String lookAgain) {
    static final Found NOTHING = new Found(null, null);
  }

  private final ProfitBricksClient client;
  private final Duration window;
  private final Clock clock;
  private final CloudReader reader;

  ItemCreates(CloudReader reader, Duration window, Clock clock) {
    this.reader = reader;
    this.client = reader.client();
    this.window = window;
    this.clock = clock;
  }

  /**
   * The User-Agent token of the create of inline item {@code item} of this server object: one
   * printable token, as the cloud's request log keeps it. The collection a create is POSTed to
   * tells volumes, NICs and the rules of each NIC apart; the item's name tells the items of one
   * collection apart, spaces (allowed in rule names) written as {@code +}, anything else hashed.
   */
  static String marker(PBServer cr, String item) {
    String token =
        item.matches("[-a-zA-Z0-9_. ]{1,63}") ? item.replace(' ', '+') : "~" + digest(item);
    return LostCreateFinder.marker(cr.getMetadata().getUid()) + "/" + token;
  }

  private static String digest(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Records the intent, writes it ({@code persist}) and sends the create with the item's marker.
   * When the cloud may have taken the POST without the answer arriving (no answer, a 5xx), the
   * intent stays, with the end of the send, and the error goes on to back off; when it surely did
   * not (a 4xx, a 429, no connection), the intent goes.
   */
  <T> Accepted<T> send(
      PBServer cr,
      PBServerStatus status,
      PendingCreate intent,
      Runnable persist,
      Function<ProfitBricksClient, Accepted<T>> post) {
    status.setPendingCreate(intent);
    persist.run();
    try {
      Accepted<T> a = post.apply(client.onBehalfOf(marker(cr, intent.getName())));
      status.setPendingCreate(null);
      return a;
    } catch (AmbiguousWriteException e) {
      intent.setUpdatedAt(Instant.now(clock).toString());
      throw e;
    } catch (CloudApiException e) {
      if (e.httpStatus() >= 500) {
        intent.setUpdatedAt(Instant.now(clock).toString());
      } else {
        status.setPendingCreate(null);
      }
      throw e;
    } catch (ProfitBricksException e) {
      status.setPendingCreate(null);
      throw e;
    }
  }

  /** A new intent, recorded now. */
  PendingCreate intent(String kind, String name, String nic) {
    return new PendingCreate(
        kind, name, nic, Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString());
  }

  /**
   * Searches the request log of {@code collection} for the lost create of {@code intent}: the id it
   * made, once {@code listed} shows it (a read made now) and no other record of the server holds it
   * ({@code recorded}); or to look again while the log may still show it (a marked create that
   * names nothing yet, or the recovery window, counted from the end of the last send, not over); or
   * nothing, when a new create is safe.
   */
  Found search(
      PBServer cr,
      PendingCreate intent,
      String collection,
      String type,
      Predicate<String> listed,
      Set<String> recorded) {
    Instant intentAt = at(intent.getStartedAt());
    LostCreateFinder.Search log =
        LostCreateFinder.find(client, collection, type, marker(cr, intent.getName()), intentAt);
    List<String> ids = log.ids().stream().filter(id -> !recorded.contains(id)).toList();
    for (String id : ids) {
      if (listed.test(id)) {
        return new Found(id, null);
      }
    }
    String what = type + " " + intent.getName();
    if (log.unsettled()) {
      return new Found(
          null,
          "The create of "
              + what
              + " is queued or running in the cloud; waiting for what it makes");
    }
    if (Instant.now(clock).isBefore(sendEnded(intent).plus(window))) {
      return new Found(
          null,
          "The answer to the create of "
              + what
              + " was lost; looking for what it made in the cloud's request log before creating"
              + " again");
    }
    return Found.NOTHING;
  }

  private Instant sendEnded(PendingCreate intent) {
    return LostCreateFinder.windowStart(
        at(intent.getStartedAt()),
        at(intent.getUpdatedAt()),
        reader.activeSince(),
        client.readTimeout());
  }

  private Instant at(String when) {
    try {
      return when == null ? Instant.now(clock) : Instant.parse(when);
    } catch (DateTimeParseException e) {
      return Instant.now(clock);
    }
  }
}
