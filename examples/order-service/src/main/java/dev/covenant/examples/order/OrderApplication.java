package dev.covenant.examples.order;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** order-service: takes orders, checking and reserving stock in inventory-service; the consumer in the example. */
@SpringBootApplication
public class OrderApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrderApplication.class, args);
    }

    @Bean
    InventoryClient inventoryClient(@Value("${inventory.url:http://localhost:8081}") String inventoryUrl) {
        return new InventoryClient(inventoryUrl);
    }
}
