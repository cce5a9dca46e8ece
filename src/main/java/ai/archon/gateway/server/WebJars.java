package ai.archon.gateway.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Files of a WebJar on the class path ({@code META-INF/resources/webjars/<artifact>/<version>/...}), found through
 * the WebJar's own {@code pom.properties}, so that upgrading a library is a POM change only. Blocking: call it from a
 * worker or at startup.
 */
public final class WebJars {
  private WebJars() { }

  /** The version of WebJar {@code group:artifact} on the class path. */
  public static String version(String group, String artifact) {
    String props = "META-INF/maven/" + group + "/" + artifact + "/pom.properties";
    Properties p = new Properties();
    try (InputStream in = open(props)) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String v = p.getProperty("version");
    if (v == null) throw new IllegalStateException(props + " names no version");
    return v;
  }

  /** The bytes of {@code file} (a path inside the WebJar's versioned folder). */
  public static byte[] read(String group, String artifact, String file) {
    return resource("META-INF/resources/webjars/" + artifact + "/" + version(group, artifact) + "/" + file);
  }

  /** The bytes of a class-path resource. */
  public static byte[] resource(String name) {
    try (InputStream in = open(name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream open(String resource) {
    InputStream in = WebJars.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) throw new IllegalStateException("not on the class path: " + resource);
    return in;
  }
}
