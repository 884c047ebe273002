package com.profitbricks.operator.kinds.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.profitbricks.operator.api.v1alpha1.InlineNic;
import com.profitbricks.operator.api.v1alpha1.LocalRef;
import com.profitbricks.operator.api.v1alpha1.PBServerSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An inline NIC names its LAN one way: by a PBLan or by a number, never both or neither. */
class ServerValidationTest {
  static PBServerSpec withNic(Integer lan, String lanRef) {
    InlineNic n = new InlineNic();
    n.setName("eth0");
    n.setLan(lan);
    n.setLanRef(lanRef == null ? null : new LocalRef(lanRef));
    PBServerSpec s = new PBServerSpec();
    s.setDatacenterId("0b5a3c5e-6f0a-4d1e-9a0e-2f1c3d4e5f60");
    s.setCores(1);
    s.setRam(1024);
    s.setNics(new ArrayList<>(List.of(n)));
    return s;
  }

  @Test
  void aNumberOrAPBLanIsValid() {
    assertThat(ServerValidation.validate(withNic(1, null))).isNull();
    assertThat(ServerValidation.validate(withNic(null, "front"))).isNull();
  }

  @Test
  void bothOrNeitherIsRefusedNamingTheNic() {
    assertThat(ServerValidation.validate(withNic(1, "front")))
        .isEqualTo("spec.nics[eth0]: set exactly one of lanRef and lan");
    assertThat(ServerValidation.validate(withNic(null, null)))
        .isEqualTo("spec.nics[eth0]: set exactly one of lanRef and lan");
  }

  @Test
  void theResolvedNicCarriesThePBLansNumberAndEverythingElse() {
    InlineNic n = withNic(null, "front").getNics().get(0);
    n.setDhcp(false);
    n.setIps(List.of("10.0.0.5"));
    InlineNic resolved = n.withLanNumber(3);
    assertThat(resolved.getLan()).isEqualTo(3);
    assertThat(resolved.getLanRef().getName()).isEqualTo("front");
    assertThat(resolved.getDhcp()).isFalse();
    assertThat(resolved.getIps()).containsExactly("10.0.0.5");
    assertThat(n.getLan()).as("the object's own spec is left alone").isNull();
  }
}
