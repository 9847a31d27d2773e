package ai.claw.sample;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The HikariCP pool {@code claw-ai-pool}; Spring Boot builds the JdbcTemplate on top of it. */
@Configuration(proxyBeanMethods = false)
class DatabaseConfig {

    static final String POOL_NAME = "claw-ai-pool";

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(AppSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(POOL_NAME);
        config.setJdbcUrl(settings.dbUrl());
        if (settings.dbUser() != null) {
            config.setUsername(settings.dbUser());
        }
        if (settings.dbPassword() != null) {
            config.setPassword(settings.dbPassword());
        }
        config.setMaximumPoolSize(10);
        config.setMinimumIdle(2);
        config.setConnectionTimeout(5_000);
        return new HikariDataSource(config);
    }
}
