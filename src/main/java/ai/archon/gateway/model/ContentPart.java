package ai.archon.gateway.model;

/**
 * One part of a message's content in the gateway's internal form, in the client's order. Text is also kept joined
 * in {@link Message#content()} (what judges' prompts and token estimates read); the other kinds exist so that every
 * wire protocol can map them into its own shape instead of the gateway dropping them.
 */
public sealed interface ContentPart {

  /** A text part. */
  record Text(String text) implements ContentPart {
    public Text { text = text == null ? "" : text; }
  }

  /**
   * An image: {@code url} is either an {@code https:} address or a {@code data:<mime>;base64,<data>} URL, as OpenAI's
   * {@code image_url.url}; {@code detail} is OpenAI's hint ({@code auto}, {@code low}, {@code high}) or null.
   */
  record Image(String url, String detail) implements ContentPart {
    /** The MIME type of a data URL ({@code image/png}), or null for a remote address. */
    public String mediaType() {
      if (!url.startsWith("data:")) return null;
      int semi = url.indexOf(';');
      return semi < 0 ? null : url.substring(5, semi);
    }

    /** The base64 data of a data URL, or null for a remote address. */
    public String base64() {
      int comma = url.indexOf(',');
      return url.startsWith("data:") && comma > 0 ? url.substring(comma + 1) : null;
    }
  }

  /** Audio input as OpenAI's {@code input_audio}: base64 {@code data} in {@code format} ({@code wav}, {@code mp3}). */
  record Audio(String data, String format) implements ContentPart { }
}
