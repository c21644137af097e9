package dev.covenant.registry.forverification;

import dev.covenant.registry.pacts.PactPublication;
import java.util.List;

/**
 * One entry of a for-verification answer: a pact content with every selection that picked it.
 *
 * @param publication the publication whose consumer version is shown (the latest among the selections)
 * @param pending     null when pending status was not asked for
 */
record VerifiablePact(PactPublication publication, List<Selection> selections, Boolean pending, boolean wip) {
}
