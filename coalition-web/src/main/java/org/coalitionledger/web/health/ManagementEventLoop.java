package org.coalitionledger.web.health;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import reactor.netty.resources.LoopResources;

/**
 * With a management port of its own ({@code management.server.port}), the management server gets an event loop of
 * its own. Spring Boot would run it on the same event loops as the API's server (Reactor Netty's shared ones), so a
 * probe's new connection waited behind the partner requests those loops were busy with. Only in the management
 * context, which exists only with a port of its own.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
public class ManagementEventLoop {

    /**
     * One thread accepting connections and one serving them ({@code management-http-*}): the probes, metrics and
     * Prometheus scrapes are a few small requests.
     */
    @Bean(destroyMethod = "dispose")
    LoopResources managementLoopResources() {
        return LoopResources.create("management-http", 1, 1, true);
    }

    @Bean
    WebServerFactoryCustomizer<NettyReactiveWebServerFactory> managementServerOnItsOwnLoop(LoopResources loops) {
        return factory -> factory.addServerCustomizers(server -> server.runOn(loops));
    }
}
