package dev.ocifn.localoci;

/**
 * One call whose signature held, as {@link LocalOci#calls()} lists it: no bodies or headers are
 * kept, only who called what and the answer's status.
 *
 * @param resourcePrincipal true when the caller signed with a resource-principal session token
 */
public record OciCall(String method, String rawPath, int status, String tenancyId, boolean resourcePrincipal) {
}
