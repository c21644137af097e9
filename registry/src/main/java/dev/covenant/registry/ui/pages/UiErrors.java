package dev.covenant.registry.ui.pages;

import dev.covenant.registry.system.InvalidRequestException;
import dev.covenant.registry.system.NotFoundException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.reactive.result.view.Rendering;

/** Errors on UI pages are pages too (the API's problem+json is for machines). */
@ControllerAdvice(basePackageClasses = UiErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class UiErrors {

    @ExceptionHandler
    Rendering notFound(NotFoundException e) {
        return page(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    }

    @ExceptionHandler
    Rendering invalid(InvalidRequestException e) {
        return page(HttpStatus.BAD_REQUEST, "Not a valid request", e.getMessage());
    }

    private static Rendering page(HttpStatus status, String title, String message) {
        return Rendering.view("ui/error").status(status).modelAttribute("title", title)
                .modelAttribute("message", message).build();
    }
}
