export declare const minimumNode: string;
export declare function nodeVersionProblem(version: string, execPath: string): string | null;
