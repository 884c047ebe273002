/**
 * The operator's settings, the Cloud API client built from them and its credentials Secret, the
 * leader election and the start-up check of the cluster. Changes here change no reconcile logic.
 */
package com.profitbricks.operator.config;
