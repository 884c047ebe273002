package com.profitbricks.client.model;

/** The answer of {@code GET /}: API name and version. */
public record ApiInfo(String href, String name, String version) {}
