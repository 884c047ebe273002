package com.profitbricks.operator.kinds.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What a PBServer's spec must hold for the cloud. */
class ServerMappingTest {
  @Test
  void publicImagesNeedAGigabyteOfRam() {
    assertThat(ServerMapping.hotPlugRam(512, Stream.of("ubuntu:latest")))
        .contains("spec.ram is 512 MiB")
        .contains("set spec.ram to 1024 or more");
    assertThat(ServerMapping.hotPlugRam(1024, Stream.of("ubuntu:latest"))).isNull();
    assertThat(ServerMapping.hotPlugRam(512, Stream.of((String) null))).isNull();
  }
}
