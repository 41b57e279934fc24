package dev.ocifn.localoci.usage;

import java.util.List;
import java.util.Map;

/** The dimensions the Usage API groups and filters by, and the UsageSummary field each fills. */
final class UsageDimensions {
    /** Dimensions a data set record carries itself. */
    static final List<String> RECORDED = List.of("service", "skuName", "skuPartNumber", "unit", "compartmentName",
            "compartmentPath", "compartmentId", "platform", "region", "logicalAd", "resourceId", "resourceName",
            "subscriptionId");
    /** Dimensions of the tenancy asking, the same for every record. */
    static final List<String> TENANCY = List.of("tenantId", "tenantName");
    static final List<String> TAG = List.of("tagNamespace", "tagKey", "tagValue");

    /** Where a dimension's value goes in a UsageSummary when it differs from the dimension's name. */
    private static final Map<String, String> SUMMARY_FIELD = Map.of("logicalAd", "ad");

    private UsageDimensions() {
    }

    static boolean groupable(String key) {
        return RECORDED.contains(key) || TENANCY.contains(key) || TAG.contains(key);
    }

    static boolean filterable(String key) {
        return RECORDED.contains(key) || TENANCY.contains(key);
    }

    static String summaryField(String dimension) {
        return SUMMARY_FIELD.getOrDefault(dimension, dimension);
    }
}
