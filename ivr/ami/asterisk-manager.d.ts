/** The part of asterisk-manager 0.2 (plain JS, no bundled types) that ami.session.ts uses. */
declare module 'asterisk-manager' {
  /** A message as asterisk-manager parses it: header names lower-cased, repeated headers as arrays. */
  export type ManagerMessage = Record<string, string | string[] | undefined>;

  export interface Manager {
    connect(port: number, host: string, callback?: () => void): void;
    /** Sends Action: login with the constructor's username and password; the callback gets the error response. */
    login(callback?: (error?: ManagerMessage) => void): void;
    /** Returns the ActionID; the callback runs once, on the response carrying that ActionID. */
    action(
      action: Record<string, string>,
      callback?: (error: ManagerMessage | undefined, response: ManagerMessage) => void,
    ): string;
    disconnect(callback?: () => void): void;
    isConnected(): boolean;
    on(event: string, listener: (...args: never[]) => void): void;
    removeListener(event: string, listener: (...args: never[]) => void): void;
    removeAllListeners(event: string): void;
  }

  /** Connects and logs in at once when given a port; without one it waits for connect(). */
  export default function AsteriskManager(
    port: number | undefined,
    host: string,
    username: string,
    password: string,
    events: boolean,
  ): Manager;
}
