package com.profitbricks.client;

import com.profitbricks.client.model.Collection;
import com.profitbricks.client.model.Image;

/** {@code /images}: public images of every location and the contract's private images. */
public final class ImageApi {
  private final Ops ops;

  ImageApi(Ops ops) {
    this.ops = ops;
  }

  public Collection<Image> list() {
    return ops.list(Image.class, Query.depth(1), "images");
  }

  public Image get(String imageId) {
    return ops.get(Image.class, Query.depth(1), "images", imageId);
  }

  /** Only private images can be changed. */
  public Accepted<Image> update(String imageId, Image.Properties changes) {
    return ops.patch(Image.class, changes, "images", imageId);
  }

  public Accepted<Image> replace(String imageId, Image.Properties properties) {
    return ops.put(Image.class, new Image(null, null, null, null, properties), "images", imageId);
  }

  public Accepted<Void> delete(String imageId) {
    return ops.delete("images", imageId);
  }
}
