package com.profitbricks.operator.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The check of one write's demand against the contract's resource limits, as a table. */
class ContractLimitsTest {
  /** A contract with room: 10 of 20 cores, 8 of 16 GB RAM, 100 of 200 GB each, 2 of 4 IPs. */
  static Map<String, Long> limits() {
    Map<String, Long> l = new HashMap<>();
    l.put("coresPerServer", 8L);
    l.put("coresPerContract", 20L);
    l.put("coresProvisioned", 10L);
    l.put("ramPerServer", 8192L);
    l.put("ramPerContract", 16384L);
    l.put("ramProvisioned", 8192L);
    l.put("hddLimitPerVolume", 150L);
    l.put("hddLimitPerContract", 200L);
    l.put("hddVolumeProvisioned", 100L);
    l.put("ssdLimitPerVolume", 150L);
    l.put("ssdLimitPerContract", 200L);
    l.put("ssdVolumeProvisioned", 100L);
    l.put("reservableIps", 4L);
    l.put("reservedIpsOnContract", 2L);
    return l;
  }

  record Case(String name, Demand demand, Demand onTheWay, String refusedFor) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Case> cases() {
    Demand none = Demand.NONE;
    return List.of(
        new Case("a server that fits", Demand.server(4, 4096, 4, 4096), none, null),
        new Case(
            "cores per server", Demand.server(10, 1024, 10, 1024), none, "coresPerServer is 8"),
        new Case("RAM per server", Demand.server(2, 10240, 2, 10240), none, "ramPerServer is 8192"),
        new Case(
            "cores of the contract",
            Demand.server(6, 1024, 6, 1024),
            Demand.server(6, 0, 6, 0),
            "coresPerContract is 20: 10 provisioned, 6 on the way for other objects, and this spec"
                + " adds 6"),
        new Case(
            "RAM of the contract",
            Demand.server(2, 8192, 2, 8192),
            Demand.server(1, 1024, 1, 1024),
            "ramPerContract is 16384"),
        new Case(
            "HDD per volume", Demand.volume("HDD", 160, 160), none, "hddLimitPerVolume is 150"),
        new Case(
            "HDD of the contract",
            Demand.volume("HDD", 120, 120),
            none,
            "hddLimitPerContract is 200"),
        new Case(
            "SSD per volume",
            Demand.volume("SSD_PREMIUM", 160, 160),
            none,
            "ssdLimitPerVolume is 150"),
        new Case(
            "SSD of the contract",
            Demand.volume("SSD", 60, 60),
            Demand.volume("SSD", 50, 50),
            "ssdLimitPerContract is 200"),
        new Case("addresses", Demand.ips(3), none, "reservableIps is 4"),
        new Case("addresses that fit", Demand.ips(2), none, null),
        new Case("a volume grown within its limits", Demand.volume("HDD", 140, 40), none, null),
        new Case(
            "a grown volume over its per-volume limit",
            Demand.volume("HDD", 151, 1),
            none,
            "hddLimitPerVolume is 150"),
        new Case("DAS counts against no capacity", Demand.volume("DAS", 5000, 5000), none, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aDemandIsRefusedOnlyOverALimit(Case c) {
    Optional<String> refused = ContractLimits.check(limits(), c.demand(), c.onTheWay());
    if (c.refusedFor() == null) {
      assertThat(refused).isEmpty();
    } else {
      assertThat(refused)
          .get(org.assertj.core.api.InstanceOfAssertFactories.STRING)
          .startsWith("Over the contract's resource limits, nothing was sent: ")
          .contains(c.refusedFor());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aLimitTheAnswerLacksOrSetsToZeroIsNotChecked(Case c) {
    Map<String, Long> unset = new HashMap<>();
    limits().forEach((k, v) -> unset.put(k, k.endsWith("Provisioned") ? v : 0L));
    assertThat(ContractLimits.check(unset, c.demand(), c.onTheWay())).isEmpty();
    assertThat(ContractLimits.check(Map.of(), c.demand(), c.onTheWay())).isEmpty();
  }
}
