package fr.vitrine.model;

/**
 * SIRET numbers: 14 digits whose first nine (the SIREN) have a valid Luhn key and whose fourteen have one too, as
 * Validata checks them. La Poste's establishments (SIREN 356 000 000) are numbered with a digit sum divisible by 5
 * instead of the SIRET's Luhn key, its head office excepted.
 */
public final class Siret {

    private static final String LA_POSTE_SIREN = "356000000";

    private Siret() {
    }

    public static boolean isValid(String siret) {
        return problem(siret) == null;
    }

    /** What is wrong with the number, in a few words naming the key that failed, or {@code null} when it is valid. */
    public static String problem(String siret) {
        if (siret == null || !siret.matches("\\d{14}")) {
            return "a SIRET is 14 digits";
        }
        if (!luhn(siret.substring(0, 9))) {
            return "the SIREN's key (its first nine digits) is wrong";
        }
        boolean key = luhn(siret)
                || siret.startsWith(LA_POSTE_SIREN) && siret.chars().map(c -> c - '0').sum() % 5 == 0;
        return key ? null : "the SIRET's key (the Luhn sum of its 14 digits) is wrong";
    }

    public static boolean luhn(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return sum % 10 == 0;
    }
}
