// Who the window works as: the local profile picked in the header, shared by every view that
// writes a classification or a sign-off.
import type { ProfileDto } from './ipc/bindings';

export const session = $state<{ profile: ProfileDto | null }>({ profile: null });
