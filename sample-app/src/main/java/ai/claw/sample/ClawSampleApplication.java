package ai.claw.sample;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * A small CLAW.AI chat backend: conversations and messages in a JDBC database (HikariCP),
 * a Jedis cache and a Lettuce rate limiter/publisher on Redis, a simulated AI model and an
 * in-memory vector search. It knows nothing of the CLAW.AI agent but its API jar.
 */
@SpringBootApplication
public class ClawSampleApplication {

    public static void main(String[] args) {
        AppSettings settings;
        try {
            settings = AppSettings.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("claw-ai-sample-app: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (settings.help()) {
            System.out.print(AppSettings.USAGE);
            return;
        }
        start(settings);
    }

    /** Starts the app with these settings; our flags are never handed to Spring itself. */
    public static ConfigurableApplicationContext start(AppSettings settings) {
        SpringApplication app = new SpringApplication(ClawSampleApplication.class);
        app.setMainApplicationClass(ClawSampleApplication.class);
        app.addInitializers(context -> context.getBeanFactory().registerSingleton("appSettings", settings));
        List<String> springArgs = new ArrayList<>();
        springArgs.add("--server.port=" + settings.port());
        if (settings.logFile() != null) {
            springArgs.add("--logging.file.name=" + settings.logFile());
        }
        return app.run(springArgs.toArray(new String[0]));
    }

    /** Used when the context is started without {@link #start} (e.g. by {@code @SpringBootTest}). */
    @Bean
    @ConditionalOnMissingBean
    AppSettings appSettings() {
        return AppSettings.defaults();
    }
}
