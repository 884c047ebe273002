package com.profitbricks.operator.engine;

/**
 * The API server refused a status write because the stored status is no longer the one the pass
 * started from (another writer came in between). The object in hand has been brought up to date
 * with the stored one; the pass's decisions were made on the old status, so they are made again
 * rather than written over the newer status.
 */
final class StaleStatus extends RuntimeException {
  StaleStatus(String message, Throwable cause) {
    super(message, cause);
  }
}
