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

import org.bmsw.profile.modbus.ProfileProblem;
import org.bmsw.profile.modbus.RegisterDeviceProfile;
import org.bmsw.profile.modbus.RegisterProfiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The profile files of a plugins folder and what became of each: live, or refused with every problem. A valid file
 * becomes a live profile; a changed file replaces it (its open sessions end with a message saying why); a deleted
 * file takes its profile away; a broken file is refused and touches nothing else, and a broken replacement leaves the
 * previous version live. A change to a file a profile names (its parameter schema) reloads that profile.
 * Not thread-safe: the installer calls it from one thread.
 */
final class ProfileFiles {

    static final String PROFILE_SUFFIX = ".profile.json";

    private static final Logger LOG = LoggerFactory.getLogger(ProfileFiles.class);

    /** Publishes a live profile; the handle withdraws it. */
    interface Registrar {
        AutoCloseable register(RegisterDeviceProfile profile, Path file);

        /** Where another live profile with this id comes from (a bundle, another file), if there is one. */
        Optional<String> otherSource(String profileId, Path file);
    }

    /** What a profile file is now. */
    record Status(Path file, String profileId, boolean live, List<ProfileProblem> problems) {
    }

    private static final class Entry {
        String digest;
        RegisterDeviceProfile profile;
        AutoCloseable registration;
        List<String> names = List.of();
        List<ProfileProblem> problems = List.of();
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
        if (entry != null && entry.profile != null) {
            String id = entry.profile.id();
            withdraw(entry, "was removed (" + key.getFileName() + " deleted)");
            LOG.info("Register profile {} removed: {} was deleted", id, key);
        }
    }

    /** Withdraws every profile: the installer stops. */
    void clear() {
        for (Entry entry : entries.values()) {
            if (entry.profile != null) {
                withdraw(entry, "was withdrawn (the profile file installer stopped)");
            }
        }
        entries.clear();
    }

    List<Status> statuses() {
        List<Status> out = new ArrayList<>();
        entries.forEach((file, e) -> out.add(new Status(file, e.profile == null ? null : e.profile.id(),
                e.profile != null, e.problems)));
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
        RegisterDeviceProfile profile = result.profile();
        String previousId = entry.profile == null ? null : entry.profile.id();
        Optional<String> other = registrar.otherSource(profile.id(), file);
        if (other.isPresent() && !profile.id().equals(previousId)) {
            refuse(file, entry, List.of(new ProfileProblem(file.getFileName().toString(), "$.id", -1, -1,
                    "profile id '" + profile.id() + "' is already provided by " + other.get())));
            return;
        }
        RegisterDeviceProfile replaced = entry.profile;
        if (replaced != null) {
            unregister(entry);
        }
        entry.profile = profile;
        entry.names = profile.definition().parameters() == null ? List.of() : List.of(profile.definition().parameters());
        entry.digest = digest(file.getParent(), json, entry.names);
        entry.problems = List.of();
        entry.registration = registrar.register(profile, file);
        if (replaced != null) {
            // after the new definition is live, so that a reconnect finds it
            replaced.retire("was replaced (" + file.getFileName() + " changed); reconnect to use the new definition");
        }
        LOG.info("Register profile {} {} from {}", profile.id(), previousId == null ? "live" : "replaced", file);
    }

    private void refuse(Path file, Entry entry, List<ProfileProblem> problems) {
        entry.problems = List.copyOf(problems);
        List<String> lines = problems.stream().map(p -> "  " + p).toList();
        if (entry.profile != null) {
            LOG.error("Profile file {} refused; the previous version of {} stays live:\n{}", file, entry.profile.id(),
                    String.join("\n", lines));
        } else {
            LOG.error("Profile file {} refused:\n{}", file, String.join("\n", lines));
        }
    }

    private static void withdraw(Entry entry, String why) {
        RegisterDeviceProfile profile = entry.profile;
        unregister(entry);
        entry.profile = null;
        profile.retire(why);
    }

    private static void unregister(Entry entry) {
        try {
            entry.registration.close();
        } catch (Exception e) {
            LOG.debug("Profile {} was already withdrawn: {}", entry.profile.id(), e.toString());
        }
        entry.registration = null;
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
