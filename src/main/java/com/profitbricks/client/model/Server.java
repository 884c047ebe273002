package com.profitbricks.client.model;

/**
 * A server. A composite create carries new volumes (with {@code properties}) or references to
 * existing ones (only {@code id}) in {@code entities.volumes}, and NICs in {@code entities.nics}.
 */
public record Server(
    String id,
    String type,
    String href,
    Metadata metadata,
    Properties properties,
    Entities entities) {

  public static Server of(Properties properties) {
    return new Server(null, null, null, null, properties, null);
  }

  public static Server of(Properties properties, Entities entities) {
    return new Server(null, null, null, null, properties, entities);
  }

  /** {@code cores} and {@code ram} (MiB, a multiple of 256) are required on create. */
  public record Properties(
      String name,
      Integer cores,
      Integer ram,
      String availabilityZone,
      String vmState,
      ResourceReference bootVolume,
      ResourceReference bootCdrom,
      String cpuFamily,
      String type,
      String templateUuid) {

    public static Properties create(String name, int cores, int ram) {
      return new Properties(name, cores, ram, null, null, null, null, null, null, null);
    }

    public Properties withAvailabilityZone(String zone) {
      return new Properties(
          name, cores, ram, zone, vmState, bootVolume, bootCdrom, cpuFamily, type, templateUuid);
    }

    /** The server boots from this volume (attached in the same create, or already). */
    public Properties withBootVolume(String volumeId) {
      return new Properties(
          name,
          cores,
          ram,
          availabilityZone,
          vmState,
          ResourceReference.of(volumeId),
          bootCdrom,
          cpuFamily,
          type,
          templateUuid);
    }

    /** A PATCH body that sets only the boot volume. */
    public static Properties bootVolumePatch(String volumeId) {
      return new Properties(
          null, null, null, null, null, ResourceReference.of(volumeId), null, null, null, null);
    }

    public Properties withCpuFamily(String family) {
      return new Properties(
          name,
          cores,
          ram,
          availabilityZone,
          vmState,
          bootVolume,
          bootCdrom,
          family,
          type,
          templateUuid);
    }
  }

  public record Entities(
      Collection<Image> cdroms, Collection<Volume> volumes, Collection<Nic> nics) {}
}
