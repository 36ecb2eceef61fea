package fr.vitrine.render;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a page of a long listing stands among its pages: page 1 at the listing's own address, page k at
 * "page/k/" below it. Only listings of more than one page have one.
 */
public record Pagination(String basePath, int current, int count) {

    /** A numbered link of the navigation, or a gap ("…") between distant numbers. */
    public record Item(int number, String path, boolean current, boolean gap) {
    }

    /** Site path of page {@code k} of the listing at {@code basePath}. */
    public static String path(String basePath, int k) {
        return k == 1 ? basePath : basePath + "page/" + k + "/";
    }

    public String getFirst() {
        return path(basePath, 1);
    }

    public String getLast() {
        return path(basePath, count);
    }

    public String getPrevious() {
        return current > 1 ? path(basePath, current - 1) : null;
    }

    public String getNext() {
        return current < count ? path(basePath, current + 1) : null;
    }

    /** The first and last pages, and those within two of the current one; gaps between them. */
    public List<Item> getItems() {
        List<Item> items = new ArrayList<>();
        int previous = 0;
        for (int k = 1; k <= count; k++) {
            if (k == 1 || k == count || Math.abs(k - current) <= 2) {
                if (k > previous + 1) {
                    items.add(new Item(0, null, false, true));
                }
                items.add(new Item(k, path(basePath, k), k == current, false));
                previous = k;
            }
        }
        return items;
    }
}
