package dev.covenant.contract.stub;

/**
 * The parts of a {@code Prefer} header a stub honours, as Prism reads them: {@code code=404},
 * {@code example=name}.
 */
record Preferences(String code, String example) {

    static Preferences parse(String header) {
        String code = null;
        String example = null;
        if (header != null) {
            for (String part : header.split("[,;]")) {
                String trimmed = part.trim();
                int equals = trimmed.indexOf('=');
                if (equals < 0) {
                    continue;
                }
                String name = trimmed.substring(0, equals).trim();
                String value = trimmed.substring(equals + 1).trim().replaceAll("^\"|\"$", "");
                if (name.equalsIgnoreCase("code")) {
                    code = value;
                } else if (name.equalsIgnoreCase("example")) {
                    example = value;
                }
            }
        }
        return new Preferences(code, example);
    }
}
