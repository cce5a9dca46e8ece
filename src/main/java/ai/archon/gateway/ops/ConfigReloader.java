package ai.archon.gateway.ops;

import ai.archon.gateway.config.ConfigException;
import ai.archon.gateway.config.ConfigLoader;
import ai.archon.gateway.config.ConfigProblem;
import ai.archon.gateway.config.EnsembleSpec;
import ai.archon.gateway.config.LoadReport;
import ai.archon.gateway.config.Settings;
import ai.archon.gateway.config.SettingsLoader;
import ai.archon.gateway.server.ModelCatalog;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hot reload: every {@value #SCAN_MS} ms a worker thread lists the configs folder and the settings file (path, size,
 * modification time); when anything changed, or on {@link #reloadNow()} (SIGHUP), it loads every config again and
 * swaps the {@link ModelCatalog} at once. A file that now fails keeps its last good version serving (logged with the
 * reason); a removed file's model goes away; requests in flight keep the pipeline they started with. From the
 * settings file only {@code price_per_mtok} applies live; provider and server changes are logged as needing a restart.
 */
public final class ConfigReloader {
  static final long SCAN_MS = 500;
  private static final Logger LOG = LoggerFactory.getLogger(ConfigReloader.class);

  private final Vertx vertx;
  private final ModelCatalog catalog;
  private final ConfigLoader loader;
  private final Path configs;
  private final Path settingsFile;
  private final Map<String, String> env;
  private final AtomicReference<Settings> settings;
  private final Map<Path, EnsembleSpec> lastGood = new LinkedHashMap<>();
  private String fingerprint;
  private boolean busy;
  private boolean again;
  private long timerId = -1;

  /**
   * What a reload reads again: the configs folder through {@code loader}, and the settings file against {@code env}.
   */
  public record Sources(ConfigLoader loader, Path configs, Map<String, String> env) {}

  /**
   * @param settings the settings in force; a reload of the settings file updates its prices here
   * @param loaded the ensembles loaded at startup: the last good version of each file
   */
  public ConfigReloader(Vertx vertx, ModelCatalog catalog, Sources sources, AtomicReference<Settings> settings,
      Collection<EnsembleSpec> loaded) {
    this.vertx = vertx;
    this.catalog = catalog;
    this.loader = sources.loader();
    this.configs = sources.configs();
    this.settingsFile = settings.get().file();
    this.env = sources.env();
    this.settings = settings;
    loaded.forEach(e -> lastGood.put(key(e.file()), e));
  }

  /** Takes the current files as the baseline and starts scanning. */
  public Future<Void> start() {
    return vertx.executeBlocking(this::fingerprint).map(fp -> {
      fingerprint = fp;
      timerId = vertx.setPeriodic(SCAN_MS, id -> scan(false));
      return null;
    });
  }

  public void stop() {
    if (timerId >= 0) vertx.cancelTimer(timerId);
  }

  /** Reloads now whether or not anything looks changed (SIGHUP). Safe from any thread. */
  public void reloadNow() {
    vertx.runOnContext(v -> scan(true));
  }

  /** Runs on the reloader's context; at most one scan at a time, a forced reload requested meanwhile runs after. */
  private void scan(boolean force) {
    if (busy) {
      again |= force;
      return;
    }
    busy = true;
    vertx.executeBlocking(() -> {
      String fp = fingerprint();
      if (!force && fp.equals(fingerprint)) return fp;
      reload();
      return fp;
    }, false).onComplete(ar -> {
      busy = false;
      if (ar.succeeded()) fingerprint = ar.result();
      else LOG.error("config reload failed", ar.cause());
      if (again) {
        again = false;
        scan(true);
      }
    });
  }

  /** Blocking: loads settings and configs and swaps the catalog. Runs on a worker thread. */
  private synchronized void reload() {
    reloadSettings();
    LoadReport report = loader.loadPaths(List.of(configs), settingsFile);
    report.warnings().forEach(w -> LOG.warn("config: {}", w.format()));
    Map<Path, EnsembleSpec> next = new LinkedHashMap<>();
    report.ensembles().forEach(e -> next.put(key(e.file()), e));
    List<Path> kept = new ArrayList<>();
    for (ConfigProblem p : report.errors()) {
      Path file = key(p.file());
      EnsembleSpec previous = lastGood.get(file);
      if (previous != null && Files.exists(file) && !next.containsKey(file)
          && next.values().stream().noneMatch(e -> e.name().equals(previous.name()))) {
        next.put(file, previous);
        if (!kept.contains(file)) kept.add(file);
      }
      LOG.error("config rejected: {}{}", p.format(),
          previous != null && kept.contains(file) ? " (still serving its previous version)" : "");
    }
    lastGood.clear();
    lastGood.putAll(next);
    catalog.replace(next.values());
    catalog.problems(report.errors());
    LOG.info("configs reloaded: {} virtual models ({} files rejected, {} kept at their previous version)",
        catalog.size(), report.errors().stream().map(ConfigProblem::file).distinct().count(), kept.size());
  }

  private void reloadSettings() {
    if (settingsFile == null) return;
    Settings before = settings.get();
    Settings after;
    try {
      after = SettingsLoader.load(settingsFile, env, loader.extensions());
    } catch (ConfigException e) {
      LOG.error("settings rejected, keeping the previous version: {}", e.getMessage());
      return;
    }
    if (!after.providers().equals(before.providers()) || after.maxBodyBytes() != before.maxBodyBytes()
        || !after.cors().equals(before.cors()) || !after.responses().equals(before.responses())) {
      LOG.warn("settings {}: provider and server changes take effect after a restart; price_per_mtok applies now",
          settingsFile);
    }
    settings.set(before.withPrices(after.prices()));
  }

  /** Blocking: one line per file (path, size, mtime) under the configs folder, plus the settings file. */
  private String fingerprint() throws IOException {
    StringBuilder b = new StringBuilder();
    List<Path> files = new ArrayList<>();
    if (Files.isDirectory(configs)) {
      try (Stream<Path> walk = Files.walk(configs, FileVisitOption.FOLLOW_LINKS)) {
        walk.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().forEach(files::add);
      }
    }
    if (settingsFile != null) files.add(settingsFile);
    for (Path f : files) {
      b.append(f).append(' ');
      try {
        BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
        b.append(a.size()).append(' ').append(a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS)).append(' ')
            .append(Objects.toString(a.fileKey(), ""));
      } catch (IOException e) {
        b.append("missing");
      }
      b.append('\n');
    }
    return b.toString();
  }

  private static Path key(Path p) {
    return p.toAbsolutePath().normalize();
  }
}
