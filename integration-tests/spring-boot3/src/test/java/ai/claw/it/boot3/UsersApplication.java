package ai.claw.it.boot3;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.net.URI;
import java.util.concurrent.Callable;

/** A small Spring MVC application: plain, templated, failing, 404ing and async routes. */
@SpringBootApplication
public class UsersApplication {

    static final long SLOW_MILLIS = 300;
    static final String BOOM = "boom on purpose";

    /** Serialised as {@code {"id":..,"name":..}}, in that order. */
    record User(long id, String name) {
    }

    @RestController
    @RequestMapping("/api")
    static class UsersController {

        @GetMapping("/users/{id}")
        User user(@PathVariable("id") long id) {
            if (id == 0) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no user 0");
            }
            return new User(id, "user-" + id);
        }

        @PostMapping("/users")
        ResponseEntity<User> create(@RequestBody User user) {
            return ResponseEntity.created(URI.create("/api/users/7")).body(new User(7, user.name()));
        }

        @GetMapping("/boom")
        String boom() {
            throw new IllegalStateException(BOOM);
        }

        /** Async MVC: the request thread is released, the Callable completes on Spring's executor. */
        @GetMapping("/slow")
        Callable<String> slow() {
            return () -> {
                Thread.sleep(SLOW_MILLIS);
                return "slow done";
            };
        }
    }
}
