package com.profitbricks.operator.kinds.server;

import com.profitbricks.operator.api.v1alpha1.InlineNic;
import com.profitbricks.operator.api.v1alpha1.InlineVolume;
import com.profitbricks.operator.api.v1alpha1.LocalRef;
import com.profitbricks.operator.api.v1alpha1.PBLan;
import com.profitbricks.operator.api.v1alpha1.PBServer;
import com.profitbricks.operator.api.v1alpha1.PBServerStatus;
import com.profitbricks.operator.api.v1alpha1.PBVolume;
import com.profitbricks.operator.api.v1alpha1.SecretKeyRef;
import com.profitbricks.operator.engine.Lookup;
import com.profitbricks.operator.engine.Secrets;
import com.profitbricks.operator.placement.NameClashes;
import com.profitbricks.operator.status.Outcome;
import com.profitbricks.operator.status.Reasons;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * What a PBServer refers to besides its datacenter: the Secrets of its inline volumes' image
 * passwords, the PBLans of its inline NICs and the PBVolume it boots from; and the PBVolumes and
 * PBNics on it, whose names must not be those of its inline items.
 */
final class ServerReferences {
  private final KubernetesClient kube;

  ServerReferences(KubernetesClient kube) {
    this.kube = kube;
  }

  /**
   * Inline volumes still to be created wait for their image passwords; a server with a
   * bootVolumeRef waits, before it is created, for that volume to be AVAILABLE and to name it.
   */
  Outcome check(PBServer cr, PBServerStatus status) {
    Outcome clash = NameClashes.ofServer(kube, cr);
    if (clash != null) {
      return clash;
    }
    for (InlineVolume v : InlineItems.volumes(cr.getSpec())) {
      SecretKeyRef ref = v.getImagePasswordSecretRef();
      boolean created =
          InlineItems.items(status.getVolumes()).stream()
              .anyMatch(i -> i.getName().equals(v.getName()));
      if (!created && ref != null && password(cr, v) == null) {
        return waiting(
            "Secret "
                + ref.getName()
                + " with key "
                + ref.getKey()
                + " (image password of volume "
                + v.getName()
                + ") does not exist yet");
      }
    }
    Outcome lans = lans(cr, status);
    if (lans != null) {
      return lans;
    }
    LocalRef boot = cr.getSpec().getBootVolumeRef();
    if (boot == null) {
      return null;
    }
    PBVolume volume = bootVolume(cr);
    if (volume == null) {
      return waiting("The boot volume PBVolume " + boot.getName() + " does not exist yet");
    }
    boolean namesThis =
        volume.getSpec().getServerRef() != null
            ? cr.getMetadata().getName().equals(volume.getSpec().getServerRef().getName())
            : volume.getSpec().getServerId() != null
                && volume.getSpec().getServerId().equals(status.getId());
    if (!namesThis) {
      return waiting(
          "PBVolume "
              + boot.getName()
              + " is the boot volume of this server but does not attach to it: set its"
              + " spec.serverRef.name to "
              + cr.getMetadata().getName());
    }
    String ram =
        ServerMapping.hotPlugRam(
            cr.getSpec().getRam(), java.util.stream.Stream.of(volume.getSpec().getImageAlias()));
    return ram == null ? null : Outcome.stalled(Reasons.INVALID_SPEC, ram);
  }

  /**
   * Each inline NIC with a lanRef waits for its PBLan to have a LAN number; a PBLan of another
   * datacenter than the server's is a spec error (the cloud would make a private LAN of that number
   * here).
   */
  private Outcome lans(PBServer cr, PBServerStatus status) {
    for (InlineNic n : InlineItems.nics(cr.getSpec())) {
      if (n.getLanRef() == null) {
        continue;
      }
      String name = n.getLanRef().getName();
      PBLan lan = Lookup.get(kube, PBLan.class, cr.getMetadata().getNamespace(), name);
      if (lan == null || lan.getStatus() == null || lan.getStatus().getId() == null) {
        return waiting(
            "PBLan "
                + name
                + " (LAN of NIC "
                + n.getName()
                + ") "
                + (lan == null ? "does not exist yet" : "has no LAN number yet"));
      }
      String serverDc =
          status.getDatacenterId() != null
              ? status.getDatacenterId()
              : cr.getSpec().getDatacenterId();
      String lanDc = lan.getStatus().getDatacenterId();
      if (serverDc != null && lanDc != null && !serverDc.equals(lanDc)) {
        return Outcome.stalled(
            Reasons.INVALID_SPEC,
            "PBLan "
                + name
                + " (LAN of NIC "
                + n.getName()
                + ") is in datacenter "
                + lanDc
                + ", this server in "
                + serverDc
                + ": name a PBLan of the server's datacenter");
      }
    }
    return null;
  }

  /**
   * The NIC as the cloud is to see it: with its lanRef's LAN number; null when that PBLan has none
   * (it went away since the references were checked).
   */
  InlineNic resolved(PBServer cr, InlineNic n) {
    if (n.getLanRef() == null) {
      return n;
    }
    PBLan lan =
        Lookup.get(kube, PBLan.class, cr.getMetadata().getNamespace(), n.getLanRef().getName());
    return lan == null || lan.getStatus() == null || lan.getStatus().getId() == null
        ? null
        : n.withLanNumber(Integer.valueOf(lan.getStatus().getId()));
  }

  private static Outcome waiting(String why) {
    return Outcome.progressing(Reasons.DEPENDENCY_NOT_READY, why);
  }

  PBVolume bootVolume(PBServer cr) {
    return Lookup.get(
        kube,
        PBVolume.class,
        cr.getMetadata().getNamespace(),
        cr.getSpec().getBootVolumeRef().getName());
  }

  /** The cloud id of the bootVolumeRef's volume, or null. */
  String bootVolumeId(PBServer cr) {
    PBVolume v = bootVolume(cr);
    return v == null || v.getStatus() == null ? null : v.getStatus().getId();
  }

  String password(PBServer cr, InlineVolume v) {
    return v.getImagePasswordSecretRef() == null
        ? null
        : Secrets.read(kube, cr.getMetadata().getNamespace(), v.getImagePasswordSecretRef());
  }
}
