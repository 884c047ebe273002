package com.profitbricks.simulator;

/** An error answer in the API's shape {@code {httpStatus, messages:[{errorCode, message}]}}. */
final class ApiError extends RuntimeException {
  final int status;
  final String errorCode;

  ApiError(int status, String errorCode, String message) {
    super(message, null, false, false);
    this.status = status;
    this.errorCode = errorCode;
  }

  static ApiError notFound() {
    return new ApiError(404, "309", "Resource does not exist");
  }

  static ApiError notFound(String what) {
    return new ApiError(404, "309", "[VDC-5-404] Resource does not exist: " + what);
  }

  static ApiError validation(String message) {
    return new ApiError(422, "100", message);
  }

  static ApiError required(String path) {
    return validation("[(root)." + path + "] Attribute '" + leaf(path) + "' is required");
  }

  static ApiError immutable(String path) {
    return validation(
        "[(root)." + path + "] Attribute '" + leaf(path) + "' is immutable and cannot be changed");
  }

  static ApiError badRequest(String message) {
    return new ApiError(400, "101", message);
  }

  private static String leaf(String path) {
    int dot = path.lastIndexOf('.');
    return dot < 0 ? path : path.substring(dot + 1);
  }
}
