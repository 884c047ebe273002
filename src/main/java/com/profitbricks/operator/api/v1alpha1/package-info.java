/**
 * The custom resources of group {@code profitbricks.com}, version {@code v1alpha1}. Spec is what
 * the user wants; everything the cloud decides (ids, addresses, state, request progress) is in
 * status. These classes import nothing from the Cloud API client.
 */
package com.profitbricks.operator.api.v1alpha1;
