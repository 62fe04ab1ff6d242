package portal.opensearch;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.codelibs.opensearch.runner.node.OpenSearchRunnerNode;
import org.opensearch.common.logging.LogConfigurator;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;

/**
 * Runs exactly ONE OpenSearch node in this JVM, configured only by
 * {@code <home>/config/opensearch.yml}.
 *
 * <p>Why not {@code OpenSearchRunner.main}: it exits 1 without printing the
 * cause, forces its own node.name / http.port / cluster.name over the YAML,
 * silently moves to the next port when one is busy, refuses ports above 9299
 * and runs every node in one JVM (so one node cannot be killed from outside).
 * This launcher reuses the runner's embeddable node class and module list
 * but lets tools/opensearch/start.sh start one JVM per node.
 *
 * <p>Usage: {@code java -cp ... portal.opensearch.TestNode <home>}
 */
public final class TestNode {

    /** Same modules as OpenSearchRunner.MODULE_TYPES; first two are required. */
    private static final String[] REQUIRED_MODULES = {
        "org.opensearch.analysis.common.CommonAnalysisPlugin", // edge_ngram, asciifolding, ...
        "org.opensearch.transport.Netty4Plugin",              // HTTP + transport
    };

    private static final String[] OPTIONAL_MODULES = {
        "org.opensearch.search.aggregations.matrix.MatrixAggregationPlugin",
        "org.opensearch.geo.GeoModulePlugin",
        "org.opensearch.ingest.common.IngestCommonPlugin",
        "org.opensearch.ingest.useragent.IngestUserAgentPlugin",
        "org.opensearch.script.expression.ExpressionPlugin",
        "org.opensearch.script.mustache.MustachePlugin",
        "org.opensearch.painless.PainlessPlugin",
        "org.opensearch.index.mapper.MapperExtrasPlugin",
        "org.opensearch.join.ParentJoinPlugin",
        "org.opensearch.percolator.PercolatorPlugin",
        "org.opensearch.index.rankeval.RankEvalPlugin",
        "org.opensearch.index.reindex.ReindexPlugin",
        "org.opensearch.plugin.repository.url.URLRepositoryPlugin",
    };

    private TestNode() {
    }

    public static void main(final String[] args) {
        if (args.length != 1) {
            System.err.println("usage: TestNode <node-home-dir>");
            System.exit(2);
        }
        try {
            run(Paths.get(args[0]).toAbsolutePath().normalize());
        } catch (final Throwable t) {
            // The whole point of this class: never die silently.
            System.err.println("TestNode: failed to start: " + t);
            t.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(final Path home) throws Exception {
        final Path conf = home.resolve("config");
        final Path yml = conf.resolve("opensearch.yml");
        if (!Files.isRegularFile(yml)) {
            throw new IllegalStateException("missing " + yml);
        }
        final Settings.Builder builder = Settings.builder().loadFromPath(yml);
        putIfAbsent(builder, "path.home", home.toString());
        putIfAbsent(builder, "path.data", home.resolve("data").toString());
        putIfAbsent(builder, "path.logs", home.resolve("logs").toString());
        final Settings settings = builder.build();
        final String nodeName = settings.get("node.name", home.getFileName().toString());

        // The runner jar ships a log4j2.properties (console + files in path.logs).
        final Path log4j = conf.resolve("log4j2.properties");
        if (!Files.exists(log4j)) {
            try (InputStream in = TestNode.class.getClassLoader()
                    .getResourceAsStream("config/log4j2.properties")) {
                if (in == null) {
                    throw new IllegalStateException("config/log4j2.properties not on classpath");
                }
                Files.copy(in, log4j);
            }
        }

        final Environment env = InternalSettingsPreparer.prepareEnvironment(
                settings, Collections.emptyMap(), conf, () -> nodeName);
        LogConfigurator.registerErrorListener();
        LogConfigurator.configure(env);
        Files.createDirectories(env.modulesFile());
        Files.createDirectories(env.pluginsFile());

        final List<Class<? extends Plugin>> modules = new ArrayList<>();
        for (final String type : REQUIRED_MODULES) {
            modules.add(Class.forName(type).asSubclass(Plugin.class));
        }
        for (final String type : OPTIONAL_MODULES) {
            try {
                modules.add(Class.forName(type).asSubclass(Plugin.class));
            } catch (final ClassNotFoundException e) {
                System.err.println("TestNode: optional module not on classpath: " + type);
            }
        }

        final Node node = new OpenSearchRunnerNode(env, modules);
        // OpenSearch's pool threads are daemons: keep the JVM alive until TERM.
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
                node.awaitClose(20, TimeUnit.SECONDS);
            } catch (final Exception e) {
                e.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }, "testnode-shutdown"));
        node.start();
        System.out.println("TestNode: started " + nodeName + " (pid "
                + ProcessHandle.current().pid() + ")");
        stopped.await();
    }

    private static void putIfAbsent(final Settings.Builder b, final String key, final String value) {
        if (b.get(key) == null) {
            b.put(key, value);
        }
    }
}
