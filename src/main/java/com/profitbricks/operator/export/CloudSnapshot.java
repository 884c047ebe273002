package com.profitbricks.operator.export;

import com.profitbricks.client.CloudApiException;
import com.profitbricks.client.ProfitBricksClient;
import com.profitbricks.client.Query;
import com.profitbricks.client.model.Datacenter;
import com.profitbricks.client.model.Image;
import com.profitbricks.client.model.IpBlock;
import com.profitbricks.client.model.Volume;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an export reads, all of it by GET: the datacenters with everything in them (one read at the
 * depth the operator reads them at), the contract's IP blocks, and the images the volumes were made
 * from (for the report only).
 */
record CloudSnapshot(
    List<Datacenter> datacenters, List<IpBlock> ipBlocks, Map<String, Image> images) {

  /** The depth at which one GET of a datacenter shows its firewall rules' properties. */
  static final int DEPTH = 8;

  /** A datacenter id the cloud does not know: a user's mistake, not a failure. */
  static final class UnknownDatacenter extends RuntimeException {
    UnknownDatacenter(String id) {
      super("datacenter " + id + " does not exist, or these credentials cannot see it");
    }
  }

  /** Reads the datacenters {@code ids}, or every datacenter of the contract when {@code all}. */
  static CloudSnapshot read(ProfitBricksClient client, List<String> ids, boolean all) {
    List<String> wanted = new ArrayList<>(ids);
    if (all) {
      client.datacenters().listAll(Query.depth(0)).forEach(d -> wanted.add(d.id()));
    }
    List<Datacenter> dcs = new ArrayList<>();
    for (String id : wanted.stream().distinct().toList()) {
      try {
        dcs.add(client.datacenters().get(id, Query.depth(DEPTH)));
      } catch (CloudApiException.NotFoundException e) {
        throw new UnknownDatacenter(id);
      } catch (CloudApiException e) {
        // the API answers a malformed id with 422 or 400, not 404: the same mistake
        if (e.httpStatus() == 400 || e.httpStatus() == 422) {
          throw new UnknownDatacenter(id);
        }
        throw e;
      }
    }
    List<IpBlock> blocks = client.ipBlocks().listAll(Query.depth(1));
    return new CloudSnapshot(dcs, blocks, images(client, dcs));
  }

  private static Map<String, Image> images(ProfitBricksClient client, List<Datacenter> dcs) {
    Map<String, Image> images = new LinkedHashMap<>();
    for (Datacenter dc : dcs) {
      for (Volume v : Cloud.volumes(dc)) {
        String image = v.properties() == null ? null : v.properties().image();
        if (image != null && !images.containsKey(image)) {
          try {
            images.put(image, client.images().get(image));
          } catch (CloudApiException e) {
            // a private image deleted since, or one of another contract: the report says so
            images.put(image, null);
          }
        }
      }
    }
    return images;
  }
}
