package org.bmsw.profile.files.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bmsw.device.api.DeviceProfile;
import org.bmsw.profile.modbus.ProfileProblem;
import org.bmsw.profile.modbus.RegisterProfile;
import org.bmsw.profile.modbus.RegisterProfiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The profile files of a plugins folder and what became of each: live, or refused with every problem. A valid file
 * becomes a live profile, and a second one ({@code <id>.can}) when it has a {@code can} section; a changed file
 * replaces them (their open sessions end with a message saying why); a deleted file takes them away; a broken file is
 * refused and touches nothing else, and a broken replacement leaves the previous version live. A change to a file a
 * profile names (its parameter schema, its DBC) reloads that profile. Not thread-safe: the installer calls it from one
 * thread.
 */
final class ProfileFiles {

    static final String PROFILE_SUFFIX = ".profile.json";

    private static final Logger LOG = LoggerFactory.getLogger(ProfileFiles.class);

    /** Publishes a live profile; the handle withdraws it. */
    interface Registrar {
        AutoCloseable register(DeviceProfile profile, Path file);

        /** Where another live profile with this id comes from (a bundle, another file), if there is one. */
        Optional<String> otherSource(String profileId, Path file);
    }

    /**
     * What a profile file is now.
     *
     * @param profileIds the live profiles from it, the register profile first; empty when none is live
     */
    record Status(Path file, List<String> profileIds, boolean live, List<ProfileProblem> problems) {
        /** The register profile's id, or null when none is live. */
        String profileId() {
            return profileIds.isEmpty() ? null : profileIds.get(0);
        }
    }

    private static final class Entry {
        String digest;
        /** The live profiles, or null. */
        RegisterProfiles.Result profiles;
        List<AutoCloseable> registrations = List.of();
        List<String> names = List.of();
        List<ProfileProblem> problems = List.of();

        String id() {
            return profiles.profile().id();
        }
    }

    private final Registrar registrar;
    private final Map<Path, Entry> entries = new LinkedHashMap<>();

    ProfileFiles(Registrar registrar) {
        this.registrar = registrar;
    }

    static boolean isProfile(Path file) {
        return file.getFileName().toString().endsWith(PROFILE_SUFFIX);
    }

    /** A profile file or a file beside it appeared or changed. */
    void changed(Path file) {
        Path key = file.toAbsolutePath().normalize();
        if (isProfile(key)) {
            load(key);
        } else {
            companionChanged(key);
        }
    }

    /** A profile file or a file beside it was deleted. */
    void removed(Path file) {
        Path key = file.toAbsolutePath().normalize();
        if (!isProfile(key)) {
            companionChanged(key);
            return;
        }
        Entry entry = entries.remove(key);
        if (entry != null && entry.profiles != null) {
            List<String> ids = ids(entry.profiles);
            withdraw(entry, "was removed (" + key.getFileName() + " deleted)");
            LOG.info("Register profile {} removed: {} was deleted", ids, key);
        }
    }

    /** Withdraws every profile: the installer stops. */
    void clear() {
        for (Entry entry : entries.values()) {
            if (entry.profiles != null) {
                withdraw(entry, "was withdrawn (the profile file installer stopped)");
            }
        }
        entries.clear();
    }

    List<Status> statuses() {
        List<Status> out = new ArrayList<>();
        entries.forEach((file, e) -> out.add(new Status(file, e.profiles == null ? List.of() : ids(e.profiles),
                e.profiles != null, e.problems)));
        return out;
    }

    private void companionChanged(Path companion) {
        String name = companion.getFileName().toString();
        for (Map.Entry<Path, Entry> e : List.copyOf(entries.entrySet())) {
            Entry entry = e.getValue();
            boolean concerned = entry.names.contains(name)
                    || entry.problems.stream().anyMatch(p -> p.toString().contains(name));
            if (concerned && e.getKey().getParent().equals(companion.getParent())) {
                if (!entry.problems.isEmpty()) {
                    entry.digest = null; // refused, perhaps for want of this file: read again
                }
                load(e.getKey());
            }
        }
    }

    private void load(Path file) {
        Entry entry = entries.computeIfAbsent(file, f -> new Entry());
        byte[] json;
        try {
            json = Files.readAllBytes(file);
        } catch (IOException e) {
            refuse(file, entry, List.of(new ProfileProblem(file.getFileName().toString(), "", -1, -1,
                    "cannot be read: " + e)));
            return;
        }
        String digest = digest(file.getParent(), json, entry.names);
        if (digest.equals(entry.digest)) {
            return; // seen as it is: FileInstall reporting a file this installer already read, or a touched file
        }
        entry.digest = digest;
        RegisterProfiles.Result result = RegisterProfiles.read(file.getFileName().toString(), json,
                RegisterProfiles.folder(file.getParent()));
        if (result.profile() == null) {
            refuse(file, entry, result.problems());
            return;
        }
        List<String> previousIds = entry.profiles == null ? List.of() : ids(entry.profiles);
        for (DeviceProfile profile : result.profiles()) {
            Optional<String> other = registrar.otherSource(profile.id(), file);
            if (other.isPresent() && !previousIds.contains(profile.id())) {
                refuse(file, entry, List.of(new ProfileProblem(file.getFileName().toString(), "$.id", -1, -1,
                        "profile id '" + profile.id() + "' is already provided by " + other.get())));
                return;
            }
        }
        RegisterProfiles.Result replaced = entry.profiles;
        if (replaced != null) {
            unregister(entry);
        }
        RegisterProfile definition = result.profile().definition();
        List<String> names = new ArrayList<>();
        if (definition.parameters() != null) {
            names.add(definition.parameters());
        }
        if (definition.can() != null) {
            names.add(definition.can().dbc());
        }
        entry.profiles = result;
        entry.names = List.copyOf(names);
        entry.digest = digest(file.getParent(), json, entry.names);
        entry.problems = List.of();
        List<AutoCloseable> registrations = new ArrayList<>();
        for (DeviceProfile profile : result.profiles()) {
            registrations.add(registrar.register(profile, file));
        }
        entry.registrations = registrations;
        if (replaced != null) {
            // after the new definition is live, so that a reconnect finds it
            retire(replaced, "was replaced (" + file.getFileName() + " changed); reconnect to use the new definition");
        }
        LOG.info("Register profile {} {} from {}", ids(result), previousIds.isEmpty() ? "live" : "replaced", file);
    }

    private void refuse(Path file, Entry entry, List<ProfileProblem> problems) {
        entry.problems = List.copyOf(problems);
        List<String> lines = problems.stream().map(p -> "  " + p).toList();
        if (entry.profiles != null) {
            LOG.error("Profile file {} refused; the previous version of {} stays live:\n{}", file, ids(entry.profiles),
                    String.join("\n", lines));
        } else {
            LOG.error("Profile file {} refused:\n{}", file, String.join("\n", lines));
        }
    }

    private static void withdraw(Entry entry, String why) {
        RegisterProfiles.Result profiles = entry.profiles;
        unregister(entry);
        entry.profiles = null;
        retire(profiles, why);
    }

    /** Ends the open sessions of the profiles with "profile ID " + {@code why}. */
    private static void retire(RegisterProfiles.Result profiles, String why) {
        profiles.profile().retire(why);
        if (profiles.can() != null) {
            profiles.can().retire(why);
        }
    }

    private static void unregister(Entry entry) {
        for (AutoCloseable registration : entry.registrations) {
            try {
                registration.close();
            } catch (Exception e) {
                LOG.debug("A profile of {} was already withdrawn: {}", entry.id(), e.toString());
            }
        }
        entry.registrations = List.of();
    }

    private static List<String> ids(RegisterProfiles.Result profiles) {
        return profiles.profiles().stream().map(DeviceProfile::id).toList();
    }

    /** The profile's content and that of the files it names, so that touching a file without changing it changes nothing. */
    private static String digest(Path folder, byte[] profile, List<String> names) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(profile);
            for (String name : names) {
                sha.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                try {
                    sha.update(Files.readAllBytes(folder.resolve(name)));
                } catch (IOException e) {
                    sha.update((byte) 0);
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
