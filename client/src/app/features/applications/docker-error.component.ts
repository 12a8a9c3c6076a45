import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';

/** What the panel's Docker error says is wrong, read from its sentence. */
export type DockerProblem = 'permission' | 'socket' | 'other';

/** The sentence of a 502/504 names the cause: the group fix for EACCES, the mount for a missing socket. */
export function dockerProblem(message: string): DockerProblem {
  if (/permission|not permitted|EACCES|group_add/i.test(message)) return 'permission';
  // A socket that is there but has no daemon behind it, or a daemon that hangs: mounting is not the fix.
  if (/daemon|did not answer|closed the connection/i.test(message)) return 'other';
  if (/socket|ENOENT|mount|not reachable/i.test(message)) return 'socket';
  return 'other';
}

const MOUNT_LINES = `services:
  seedbox-panel:
    volumes:
      - /var/run/docker.sock:/var/run/docker.sock`;

const GROUP_LINES = `services:
  seedbox-panel:
    group_add:
      - "999"   # the socket's group: stat -c %g /var/run/docker.sock`;

/**
 * Docker cannot be read: the server's sentence as it is, and how to fix it in the compose file (mount
 * the socket, or let the panel's user into the socket's group).
 */
@Component({
  selector: 'sp-docker-error',
  imports: [MatButtonModule, MatIconModule],
  template: `
    <div class="error" role="alert" data-testid="containers-error" [attr.data-problem]="problem()">
      <mat-icon class="icon" aria-hidden="true">{{
        problem() === 'permission' ? 'lock' : 'link_off'
      }}</mat-icon>
      <div class="body">
        <p class="message" data-testid="containers-error-message">{{ message() }}</p>
        @if (problem() === 'permission') {
          <p>
            The panel runs as an unprivileged user. Add the Docker socket's group to its container in
            <code>docker-compose.yml</code>, then <code>docker compose up -d</code>:
          </p>
          <pre class="sp-mono" data-testid="containers-error-fix">{{ groupLines }}</pre>
        } @else {
          @if (problem() === 'socket') {
            <p>
              The Applications page reads Docker through its socket. Mount it into the panel's container in
              <code>docker-compose.yml</code>, then <code>docker compose up -d</code>:
            </p>
          } @else {
            <p>
              The Applications page reads Docker through its socket, mounted like this in
              <code>docker-compose.yml</code>; check that the Docker daemon runs and answers:
            </p>
          }
          <pre class="sp-mono" data-testid="containers-error-fix">{{ mountLines }}</pre>
          <p class="small">
            Set <code>DOCKER_SOCKET</code> if it lives elsewhere. If Docker then refuses access, add the
            socket's group with <code>group_add</code>.
          </p>
        }
        <button mat-stroked-button type="button" data-testid="containers-retry" (click)="retry.emit()">
          <mat-icon>refresh</mat-icon>
          Try again
        </button>
      </div>
    </div>
  `,
  styles: `
    .error {
      display: flex;
      gap: 16px;
      padding: 20px;
    }
    .icon {
      flex: none;
      width: 32px;
      height: 32px;
      font-size: 32px;
      color: var(--mat-sys-error);
    }
    .body {
      display: flex;
      flex-direction: column;
      align-items: flex-start;
      gap: 8px;
      min-width: 0;
    }
    p {
      margin: 0;
      max-width: 72ch;
    }
    .message {
      font: var(--mat-sys-title-small);
      overflow-wrap: anywhere;
    }
    .small {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    pre {
      max-width: 100%;
      margin: 0;
      padding: 10px 12px;
      overflow-x: auto;
      border-radius: 8px;
      background: var(--mat-sys-surface-container-high);
      color: var(--mat-sys-on-surface);
    }
    @media (max-width: 599.98px) {
      .error {
        padding: 16px 12px;
      }
      .icon {
        display: none;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DockerErrorComponent {
  readonly message = input.required<string>();
  readonly retry = output<void>();

  protected readonly problem = computed(() => dockerProblem(this.message()));
  protected readonly mountLines = MOUNT_LINES;
  protected readonly groupLines = GROUP_LINES;
}
