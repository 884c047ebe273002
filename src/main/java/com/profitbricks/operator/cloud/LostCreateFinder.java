package com.profitbricks.operator.cloud;

import com.profitbricks.client.CloudClock;
import com.profitbricks.client.ProfitBricksClient;
import com.profitbricks.client.Query;
import com.profitbricks.client.RequestFilter;
import com.profitbricks.client.model.Request;
import com.profitbricks.client.model.RequestStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds what a create made when its answer never arrived (the operator stopped, the connection
 * broke, the cloud answered 5xx): every create is sent with the owner marker of its object in the
 * User-Agent ({@link #marker}), which the cloud's request log keeps. The log is searched for POSTs
 * to the collection carrying that marker since the intent, page by page, and the targets of the
 * matching requests are the candidates. Nothing is matched on a name or a request body: another
 * object (another namespace, another cluster on the account, or this object's previous life with
 * the same spec) never carries the same marker.
 */
public final class LostCreateFinder {
  /** Prefix of the User-Agent token that names the object a create was made for. */
  public static final String MARKER_PREFIX = "k8s-owner/";

  static final int PAGE = 100;
  static final int MAX_PAGES = 50;

  private LostCreateFinder() {}

  /** The User-Agent token of the object with this Kubernetes UID. */
  public static String marker(String uid) {
    return MARKER_PREFIX + uid;
  }

  /**
   * What the log shows of the object's creates.
   *
   * @param ids the resources they made, newest first, without duplicates
   * @param unsettled a create carrying the marker is in the log but has not ended (queued or
   *     running): what it makes may not be named or readable yet, so nothing may be created again
   *     meanwhile
   */
  public record Search(List<String> ids, boolean unsettled) {}

  /**
   * The resources of {@code targetType} that POSTs to {@code collectionPath} carrying {@code
   * marker} created since {@code intentAt} (a time of the client's {@link CloudClock}, less its
   * tolerance) made. Whether each still exists and is not held by another object is the caller's
   * check.
   *
   * @param collectionPath e.g. {@code /datacenters} or {@code /datacenters/<id>/lans}
   * @param targetType the created resource's type, e.g. {@code datacenter}
   */
  public static Search find(
      ProfitBricksClient client,
      String collectionPath,
      String targetType,
      String marker,
      Instant intentAt) {
    Instant after = intentAt.minus(CloudClock.TOLERANCE);
    List<String> found = new ArrayList<>();
    boolean unsettled = false;
    for (int page = 0; page < MAX_PAGES; page++) {
      List<Request> items =
          client
              .requests()
              .list(
                  RequestFilter.create()
                      .method("POST")
                      .url(collectionPath)
                      .headers(marker)
                      .createdAfter(after)
                      .query(Query.depth(2).withOffset((long) page * PAGE).withLimit(PAGE)))
              .itemsOrEmpty();
      for (Request r : items) {
        if (!carries(r, collectionPath, marker)) {
          continue; // the filters are substring matches: check what they matched
        }
        RequestStatus status = r.metadata() == null ? null : r.metadata().requestStatus();
        if (status == null || status.metadata() == null) {
          status = client.requests().status(r.id());
        }
        for (RequestStatus.Target t : status.targets()) {
          if (t.target() != null && targetType.equals(t.target().type())) {
            if (!found.contains(t.target().id())) {
              found.add(t.target().id());
            }
          }
        }
        if (!status.state().isFinal()) {
          // queued or running: what it makes may not be readable yet (the cloud need not list
          // a resource before its create ran), and it may still fail
          unsettled = true;
        }
      }
      if (items.size() < PAGE) {
        break;
      }
    }
    return new Search(found, unsettled);
  }

  /**
   * From when the recovery window counts: the end of the create's last send as far as known. That
   * is the later of the intent and the last lost answer heard ({@code lastHeard}); for an intent of
   * an earlier process (a crash mid-send: before {@code started}, when this process first looked),
   * the latest its send may have ended, {@code longestSend} (the client's read timeout) after this
   * process began looking, since the cloud may take a POST that long after it was sent.
   */
  public static Instant windowStart(
      Instant intent, Instant lastHeard, Instant started, Duration longestSend) {
    Instant end = lastHeard.isAfter(intent) ? lastHeard : intent;
    Instant earlierSendEnd = started.plus(longestSend);
    return intent.isBefore(started) && earlierSendEnd.isAfter(end) ? earlierSendEnd : end;
  }

  /** A POST to exactly {@code collectionPath} whose User-Agent holds {@code marker} as a token. */
  static boolean carries(Request r, String collectionPath, String marker) {
    if (r.properties() == null
        || !"POST".equalsIgnoreCase(r.properties().method())
        || r.properties().url() == null
        || !r.properties().url().replaceAll("\\?.*$", "").endsWith(collectionPath)) {
      return false;
    }
    Map<String, String> headers = r.properties().headers();
    if (headers == null) {
      return false;
    }
    for (Map.Entry<String, String> h : headers.entrySet()) {
      if (h.getKey().toLowerCase(Locale.ROOT).equals("user-agent")
          && h.getValue() != null
          && List.of(h.getValue().split(" ")).contains(marker)) {
        return true;
      }
    }
    return false;
  }
}
