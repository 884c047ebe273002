/**
 * Typed, immutable models of the Cloud API v6 envelope: {@code id}, {@code type}, {@code href},
 * {@code metadata}, {@code properties}, {@code entities}. Unknown JSON fields are ignored and
 * {@code null} is accepted wherever the API sends it, so a newer API does not break the client.
 * Fields the API computes (ids, metadata, read-only properties) are {@code null} in objects built
 * for a create or update and are never sent, because the client serializes without nulls.
 */
package com.profitbricks.client.model;
