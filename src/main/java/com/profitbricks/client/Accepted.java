package com.profitbricks.client;

import java.net.URI;

/**
 * What a write returns: the body the API answered with (the resource, or null for DELETE and
 * actions), the id of the asynchronous request the API queued, and its status URL. Both are null
 * only for the few synchronous calls (labels).
 */
public record Accepted<T>(T resource, String requestId, URI statusUrl) {}
