package dev.iamkit.sample;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Method security on ({@code @PreAuthorize} with iamkit's {@code hasPermission}); every request but
 * the health endpoint authenticated. How users sign in is the application's business: here HTTP
 * Basic, whose user name is the iamkit user id (the starter's default principal resolver).
 */
@Configuration
@EnableMethodSecurity
class SecurityConfig {
    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(r -> r.requestMatchers("/actuator/health/**").permitAll().anyRequest().authenticated())
                .httpBasic(Customizer.withDefaults())
                .csrf(c -> c.disable())   // a stateless JSON API: no session cookie to forge requests with
                .build();
    }
}
