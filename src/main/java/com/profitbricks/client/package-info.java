/**
 * The Cloud API v6 client: one facade, an API class per resource family, a transport that signs,
 * retries and rate-limits, and the error taxonomy. Knows nothing of Kubernetes or the operator, so
 * it can change or be reused without either.
 */
package com.profitbricks.client;
