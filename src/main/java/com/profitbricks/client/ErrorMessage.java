package com.profitbricks.client;

/** One entry of the API's error body {@code {httpStatus, messages: [{errorCode, message}]}}. */
public record ErrorMessage(String errorCode, String message) {}
