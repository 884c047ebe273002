package com.profitbricks.operator.kinds.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.profitbricks.client.model.Server;
import com.profitbricks.operator.api.v1alpha1.InlineVolume;
import com.profitbricks.operator.api.v1alpha1.PBServerSpec;
import com.profitbricks.operator.api.v1alpha1.PBServerStatus;
import com.profitbricks.operator.api.v1alpha1.PBVolumeSpec;
import com.profitbricks.operator.cloud.Demand;
import java.util.ArrayList;
import java.util.List;
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

  static PBServerSpec spec(int cores, int ram, InlineVolume... volumes) {
    PBServerSpec s = new PBServerSpec();
    s.setCores(cores);
    s.setRam(ram);
    s.setVolumes(new ArrayList<>(List.of(volumes)));
    return s;
  }

  static InlineVolume volume(String name, int size, PBVolumeSpec.VolumeType type) {
    InlineVolume v = new InlineVolume();
    v.setName(name);
    v.setSize(size);
    v.setType(type);
    return v;
  }

  @Test
  void aCreateAddsItsCoresRamAndEveryInlineVolume() {
    PBServerSpec s =
        spec(
            4,
            8192,
            volume("root", 20, null),
            volume("fast", 50, PBVolumeSpec.VolumeType.SSD_STANDARD));
    assertThat(ServerMapping.demand(s, new PBServerStatus(), null))
        .isEqualTo(new Demand(4, 8192, 20, 50, 0, 4, 8192, 20, 50));
  }

  @Test
  void anUpdateAddsOnlyGrowthAndTheInlineVolumesNotMadeYet() {
    PBServerSpec s = spec(6, 4096, volume("root", 20, null), volume("data", 30, null));
    PBServerStatus st = new PBServerStatus();
    st.setVolumes(new ArrayList<>(List.of(new PBServerStatus.Item("root", "v-1", null, null))));
    Server had =
        new Server("s-1", "server", null, null, Server.Properties.create("s", 4, 8192), null);
    assertThat(ServerMapping.demand(s, st, had))
        .isEqualTo(new Demand(2, 0, 30, 0, 0, 6, 4096, 30, 0));
  }
}
