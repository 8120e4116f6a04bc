export declare const entries: Record<string, string>;
export declare function bundle(outdir?: string): Promise<void>;
