package com.profitbricks.operator.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The privilege a 403 most likely lacks, per request. */
class PrivilegesTest {
  record PrivilegeCase(String method, String url, String hint) {}

  static Stream<PrivilegeCase> privilegeCases() {
    String base = "https://api.ionos.com/cloudapi/v6";
    return Stream.of(
        new PrivilegeCase("POST", base + "/datacenters", "createDataCenter"),
        new PrivilegeCase("POST", base + "/ipblocks", "reserveIp"),
        new PrivilegeCase(
            "POST", base + "/datacenters/dc-1/servers", "edit rights on datacenter dc-1"),
        new PrivilegeCase("DELETE", base + "/ipblocks/ip-1?x=1", "edit rights on IP block ip-1"),
        new PrivilegeCase(
            "GET", base + "/datacenters/dc-2?depth=8", "read access to datacenter dc-2"));
  }

  @ParameterizedTest
  @MethodSource("privilegeCases")
  void aRefusalFor403NamesTheLikelyMissingPrivilege(PrivilegeCase c) {
    assertThat(Privileges.hint(c.method(), c.url())).contains(c.hint());
  }
}
