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

  /** A value outside an enum: the API's own errorCode 109 (facts §13a E12). */
  static ApiError notInEnum(String message) {
    return new ApiError(422, "109", message);
  }

  /**
   * A business rule (not a schema error): errorCode 200 with a {@code [VDC-x-y]} prefix, as the API
   * answers them (facts §13a E12).
   */
  static ApiError business(String vdc, String message) {
    return new ApiError(422, "200", "[" + vdc + "] " + message);
  }

  /** Insufficient privileges (not bad credentials, which are 401): facts §13a E9. */
  static ApiError forbidden(String message) {
    return new ApiError(403, "315", message);
  }

  static ApiError badRequest(String message) {
    return new ApiError(400, "101", message);
  }

  private static String leaf(String path) {
    int dot = path.lastIndexOf('.');
    return dot < 0 ? path : path.substring(dot + 1);
  }
}
