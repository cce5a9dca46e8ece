package ai.archon.gateway.scale;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Consumer;

/** A Lua script from the jar, run by its SHA-1 (EVALSHA) and sent whole (EVAL) when Redis does not know it yet. */
record LuaScript(String text, String sha) {

  static LuaScript load(String resource) {
    try (InputStream in = LuaScript.class.getResourceAsStream(resource)) {
      if (in == null) throw new IllegalStateException(resource + " missing from the jar");
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return new LuaScript(text, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
          .digest(text.getBytes(StandardCharsets.UTF_8))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs the script; {@code args} adds the key count, keys and arguments after the script. */
  Future<Response> run(RedisState redis, Consumer<Request> args) {
    Request evalsha = Request.cmd(Command.EVALSHA).arg(sha);
    args.accept(evalsha);
    return redis.send(evalsha).recover(t -> {
      if (t.getMessage() == null || !t.getMessage().startsWith("NOSCRIPT")) return Future.failedFuture(t);
      Request eval = Request.cmd(Command.EVAL).arg(text);
      args.accept(eval);
      return redis.send(eval);
    });
  }
}
