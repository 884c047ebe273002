/**
 * Which credentials reach an object's cloud resources (the object's spec.credentialsRef, its
 * namespace's Secret, or the operator's own) and the client, rate budget, request tracker and read
 * cache each credential set has.
 */
package com.profitbricks.operator.tenancy;
